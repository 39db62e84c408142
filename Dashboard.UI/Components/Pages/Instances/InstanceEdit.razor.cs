using System.Text.Json.Nodes;
using Dashboard.Core.Audit;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration.Editing;
using Dashboard.Core.Configuration.History;
using Dashboard.Core.Configuration;
using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;
using Dashboard.UI.Model.SchemaForm;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.UI.Components.Pages.Instances;

/// <summary>
/// One instance's config: a form generated from its plugin's schema beside the raw JSON, checked as it is typed by the
/// server's own validator (errors on their fields and in a summary), saved by admins against the version read when the
/// page loaded (a save made elsewhere meanwhile is reported with what it changed, never overwritten), with its live
/// state and its history. <c>instances/new?plugin=X</c> creates one.
/// </summary>
public sealed partial class InstanceEdit : IDisposable
{
    // Enough for a typist to finish a word before the server checks the entry.
    private static readonly TimeSpan CheckDelay = TimeSpan.FromMilliseconds(300);

    private List<BreadcrumbItem> _crumbs = [];
    private JsonObject? _entry;
    private string? _version;
    private InstanceDefinition? _loaded;
    private FieldSchema? _schema;
    private string? _schemaPlugin;
    private FieldErrors _errors = FieldErrors.None;
    private string? _loadProblem;
    private string? _saveProblem;
    private (string Title, IReadOnlyList<string> Changes)? _conflict;
    private bool _changedElsewhere;
    private bool _saving;
    private bool _isAdmin;
    private CancellationTokenSource? _check;
    private RenderThrottle? _throttle;
    private (string? Id, string? Plugin)? _loadedFor;

    /// <summary>The instance id; <see langword="null"/> on <c>instances/new</c>.</summary>
    [Parameter]
    public string? Id { get; set; }

    /// <summary>The plugin of a new instance.</summary>
    [SupplyParameterFromQuery]
    public string? Plugin { get; set; }

    /// <summary>Reads, checks and saves the entry.</summary>
    [Inject]
    public required InstanceEditor Editor { get; init; }

    /// <summary>Compares versions for the conflict notice.</summary>
    [Inject]
    public required ConfigHistory History { get; init; }

    /// <summary>The plugins' schemas.</summary>
    [Inject]
    public required PluginCatalog Catalog { get; init; }

    /// <summary>The instance's state.</summary>
    [Inject]
    public required InstanceSupervisor Supervisor { get; init; }

    /// <summary>Config changes, to notice a save made elsewhere.</summary>
    [Inject]
    public required ConfigStore Store { get; init; }

    /// <summary>Collects, to show the state live.</summary>
    [Inject]
    public required CollectFeed Feed { get; init; }

    /// <summary>Goes to a created instance's page.</summary>
    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>Tells the outcome of a save.</summary>
    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>The clock of the refresh throttle.</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    /// <inheritdoc />
    public void Dispose()
    {
        Store.Changed -= OnConfigChanged;
        Feed.Collected -= OnCollected;
        _throttle?.Dispose();
        _check?.Cancel();
        _check?.Dispose();
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _throttle = new RenderThrottle(TimeSpan.FromSeconds(1), Time, () => InvokeAsync(() =>
        {
            _changedElsewhere = Id is not null && _version is not null && Supervisor.GetInstance(Id)?.Version is { } now && now != _version;
            StateHasChanged();
        }));
        Store.Changed += OnConfigChanged;
        Feed.Collected += OnCollected;
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _isAdmin = await AdminCheck.AdminAsync(Authentication) is not null;

        // Parameters are set again when a parent re-renders (the theme switch): an edit in progress must survive that.
        if (_loadedFor == (Id, Plugin))
        {
            return;
        }

        _loadedFor = (Id, Plugin);
        _crumbs = [new BreadcrumbItem("Instances", "instances"), new BreadcrumbItem(Id ?? "new", null, disabled: true)];
        await LoadAsync();
    }

    private static InstanceDefinition? Definition(JsonObject? entry) => entry is null ? null
        : PluginsFileParser.Parse(new JsonObject { ["instances"] = new JsonArray(entry.DeepClone()) }.ToJsonString()).Instances is [var only, ..] ? only : null;

    private static string? PluginOf(JsonObject entry) =>
        entry["plugin"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    private void OnConfigChanged(object? sender, EventArgs e) => _throttle?.Request();

    private void OnCollected(object? sender, CollectNotice notice)
    {
        if (notice.InstanceId == Id)
        {
            _throttle?.Request();
        }
    }

    private Task ReloadAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loadProblem = _saveProblem = null;
        _conflict = null;
        _changedElsewhere = false;
        _errors = FieldErrors.None;
        if (Id is null)
        {
            if (Plugin is null || Catalog.Find(Plugin) is null)
            {
                _loadProblem = $"Choose a loaded plugin for the new instance (plugin '{Plugin}' is not loaded).";
                return;
            }

            _entry = new JsonObject { ["id"] = "", ["plugin"] = Plugin, ["enabled"] = true, ["labels"] = new JsonObject() };
            UseSchemaOf(_entry);
            _entry["config"] = FormDefaults.Fill([], _schema!.Properties.Single(p => p.Key == "config").Value);
            _version = null;
            _loaded = null;
        }
        else
        {
            var (entry, version, problem) = await Editor.ReadAsync(Id, CancellationToken.None);
            switch (problem)
            {
                case EditResult.NotFound:
                    _loadProblem = $"No instance '{Id}' is configured in plugins.json.";
                    return;
                case EditResult.Unreadable unreadable:
                    _loadProblem = $"{unreadable.Message}. Fix the file as a whole first.";
                    return;
            }

            _entry = entry;
            _version = version;
            _loaded = Definition(entry);
            UseSchemaOf(_entry!);
        }

        await CheckAsync(CancellationToken.None);
    }

    private void UseSchemaOf(JsonObject entry)
    {
        var plugin = PluginOf(entry);
        if (_schema is null || plugin != _schemaPlugin)
        {
            _schemaPlugin = plugin;
            _schema = InstanceFormSchema.Build(plugin is null ? null : Catalog.Find(plugin)?.Schema.Text);
        }
    }

    private async Task EntryChanged()
    {
        UseSchemaOf(_entry!);
        _check?.Cancel();
        _check?.Dispose();
        _check = new CancellationTokenSource();
        var token = _check.Token;
        try
        {
            await Task.Delay(CheckDelay, Time, token);
            await CheckAsync(token);
        }
        catch (OperationCanceledException)
        {
            // A newer edit is being checked.
        }
    }

    // The server's own checks, as a save would run them; nothing is written.
    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var errors = await Editor.CheckAsync(IdOf(_entry!), (JsonObject)_entry!.DeepClone(), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        _errors = new FieldErrors(errors);
    }

    private string IdOf(JsonObject entry) =>
        Id ?? (entry["id"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : "");

    private async Task SaveAsync()
    {
        var user = await AdminCheck.AdminAsync(Authentication);
        if (user is null || _entry is null)
        {
            return;
        }

        _check?.Cancel();
        _saving = true;
        _saveProblem = null;
        try
        {
            var id = IdOf(_entry);
            var expected = Id is null ? ExpectedVersion.Absent : ExpectedVersion.OneOf([_version!]);
            var result = await Editor.PutAsync(id, (JsonObject)_entry.DeepClone(), expected, AuditActor.Of(user), CancellationToken.None);
            switch (result)
            {
                case EditResult.Saved:
                    Snackbar.Add($"Saved '{id}': it restarts with the new config.", Severity.Success);
                    if (Id is null)
                    {
                        Navigation.NavigateTo($"instances/{Uri.EscapeDataString(id)}");
                        return;
                    }

                    await LoadAsync();
                    break;
                case EditResult.Invalid invalid:
                    _errors = new FieldErrors(invalid.Errors);
                    break;
                case EditResult.Stale or EditResult.Conflict or EditResult.NotFound:
                    await ReportConflictAsync(id);
                    break;
                case EditResult.Unreadable unreadable:
                    _saveProblem = $"{unreadable.Message}. Nothing was saved.";
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task ReportConflictAsync(string id)
    {
        var (now, _, _) = await Editor.ReadAsync(id, CancellationToken.None);
        var changes = History.Compare(_loaded, Definition(now)).Changes;
        var title = (_loaded, now) switch
        {
            (null, not null) => $"An instance '{id}' already exists.",
            (not null, null) => $"Instance '{id}' was removed since this page read it.",
            _ => $"Instance '{id}' was changed by someone else since this page read it.",
        };
        _conflict = (title, changes);
    }
}
