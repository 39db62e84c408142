using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Plugins;
using Dashboard.Core.Plugins.Packages;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Dashboard.UI.Components.Pages;

/// <summary>
/// Every plugin found, with its state, error and config schema; admins upload a zip, reload or remove a plugin
/// folder, through the same <see cref="PluginAdministration"/> (limits, refusals, audit) as <c>/api/plugins</c>.
/// The list follows the catalog's changes as they happen.
/// </summary>
public sealed partial class Plugins : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly CancellationTokenSource _closed = new();
    private readonly HashSet<string> _openSchemas = new(StringComparer.Ordinal);
    private IReadOnlyList<PluginInfo> _plugins = [];
    private DateTimeOffset _now;
    private string? _folderName;
    private bool _busy;
    private Outcome? _outcome;
    private MudFileUpload<IBrowserFile>? _upload;

    /// <summary>The plugins found.</summary>
    [Inject]
    public required PluginCatalog Catalog { get; init; }

    /// <summary>Installs, removes and reloads plugins, audited.</summary>
    [Inject]
    public required PluginAdministration Administration { get; init; }

    /// <summary>Asks before a removal.</summary>
    [Inject]
    public required IDialogService Dialogs { get; init; }

    /// <summary>The clock.</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Who the user is, for the admin actions.</summary>
    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    /// <inheritdoc />
    public void Dispose()
    {
        Catalog.Changed -= OnCatalogChanged;
        _closed.Cancel();
        _closed.Dispose();
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Load();
        if (RendererInfo.IsInteractive)
        {
            Catalog.Changed += OnCatalogChanged;
        }
    }

    private void Load()
    {
        _plugins = [.. Catalog.GetPlugins().OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
        _now = Time.GetUtcNow();
    }

    // Plugin changes are rare (a folder copied, a reload): each is shown at once.
    private void OnCatalogChanged(object? sender, EventArgs e) => _ = InvokeAsync(() =>
    {
        Load();
        StateHasChanged();
    });

    private string FolderOf(PluginInfo plugin) =>
        Path.GetRelativePath(Catalog.PluginsPath, plugin.Path).Split(Path.DirectorySeparatorChar)[0];

    private void ToggleSchema(string key)
    {
        if (!_openSchemas.Remove(key))
        {
            _openSchemas.Add(key);
        }
    }

    private static string PrettySchema(string schema)
    {
        try
        {
            using var document = JsonDocument.Parse(schema);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return schema;
        }
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null || await AdminAsync() is not { } admin)
        {
            return;
        }

        await RunAsync(async () =>
        {
            // No size check of our own: the installer counts the bytes as they arrive and refuses past the limit.
            var content = file.OpenReadStream(long.MaxValue, _closed.Token);
            await using (content)
            {
                using var upload = await Administration.ReceiveAsync(content, _closed.Token);
                await ClearPickerAsync();
                var name = string.IsNullOrWhiteSpace(_folderName) ? null : _folderName.Trim();
                var (installation, plugins) = await Administration.InstallAsync(upload, name, file.Name, AuditActor.Of(admin), _closed.Token);
                var failed = plugins.FirstOrDefault(p => p.Error is not null);
                return failed is null
                    ? new Outcome(Severity.Success, $"Installed {installation.Name} ({installation.Files} files, {Quantities.Bytes(installation.Bytes)})" +
                        (installation.Replaced ? ", replacing the previous copy." : ".") +
                        (plugins.Count == 0 ? " It is still loading." : $" Loaded: {string.Join(", ", plugins.Select(p => p.Name))}."))
                    : new Outcome(Severity.Warning, $"Installed {installation.Name}, but it did not load: {failed.Error}");
            }
        });
    }

    // Once the file is read, the outcome says what became of it: the picker is made ready for the next one (before the
    // outcome shows, so that the page a test or a user sees with the outcome has its new picker).
    private async Task ClearPickerAsync()
    {
        if (_upload is not null)
        {
            await _upload.ClearAsync();
        }
    }

    private async Task RemoveAsync(string folder)
    {
        if (await AdminAsync() is not { } admin)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove plugin",
            $"Remove the plugin folder '{folder}'? Its instances stop and wait until a plugin of that name is installed again.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async () => await Administration.RemoveAsync(folder, AuditActor.Of(admin), _closed.Token) is null
            ? new Outcome(Severity.Error, Administration.NotFoundMessage(folder))
            : new Outcome(Severity.Success, $"Removed {folder}."));
    }

    private async Task ReloadAsync(string folder)
    {
        if (await AdminAsync() is not { } admin)
        {
            return;
        }

        await RunAsync(async () => await Administration.ReloadAsync(folder, AuditActor.Of(admin), _closed.Token) switch
        {
            null => new Outcome(Severity.Error, Administration.NotFoundMessage(folder)),
            var plugins when plugins.FirstOrDefault(p => p.Error is not null) is { } failed =>
                new Outcome(Severity.Warning, $"Reloaded {folder}, but it did not load: {failed.Error}"),
            _ => new Outcome(Severity.Success, $"Reloaded {folder}."),
        });
    }

    private async Task<System.Security.Claims.ClaimsPrincipal?> AdminAsync()
    {
        var admin = await AdminCheck.AdminAsync(Authentication);
        if (admin is null)
        {
            _outcome = new Outcome(Severity.Error, "Only an admin may install, reload or remove plugins.");
        }

        return admin;
    }

    // One action at a time; a refusal is shown with its cause, never thrown into the circuit.
    private async Task RunAsync(Func<Task<Outcome>> action)
    {
        _busy = true;
        _outcome = null;
        try
        {
            _outcome = await action();
        }
        catch (PluginUploadTooLargeException ex)
        {
            _outcome = new Outcome(Severity.Error, $"Upload too large: {ex.Message}");
        }
        catch (PluginPackageException ex)
        {
            _outcome = new Outcome(Severity.Error, $"Plugin zip refused: {ex.Message}");
        }
        catch (IOException ex) when (!_closed.IsCancellationRequested)
        {
            _outcome = new Outcome(Severity.Error, $"The upload could not be read: {ex.Message}");
        }
        finally
        {
            _busy = false;
            Load();
        }
    }

    private sealed record Outcome(Severity Severity, string Message);
}
