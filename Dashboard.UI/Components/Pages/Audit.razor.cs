using Dashboard.Core.Audit;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Components;

namespace Dashboard.UI.Components.Pages;

/// <summary>
/// The audit log for admins: the newest entries first, filtered by action and text, a page at a time. Read on
/// opening and on Refresh rather than polled: the log is read from its file, and an admin reading it wants it still.
/// </summary>
public sealed partial class Audit : IDisposable
{
    /// <summary>How many entries one more page shows.</summary>
    public const int PageSize = 100;

    // The newest entries the page reads at most; the log file itself is never truncated.
    private const int ReadLimit = 10_000;

    // The chip meaning "any action": the chip set has no value when nothing is chosen.
    private const string AllActions = "";

    private readonly CancellationTokenSource _closed = new();
    private IReadOnlyList<AuditRecord> _records = [];
    private IReadOnlyList<AuditRecord> _matching = [];
    private IReadOnlyList<string> _actions = [];
    private int _shown = PageSize;

    /// <summary>The audit log.</summary>
    [Inject]
    public required IAuditLog Log { get; init; }

    private string Action { get; set; } = AllActions;

    private string Text { get; set; } = "";

    /// <inheritdoc />
    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }

    /// <inheritdoc />
    protected override Task OnInitializedAsync() => RefreshAsync();

    private async Task RefreshAsync()
    {
        try
        {
            _records = await Log.ReadRecentAsync(ReadLimit, _closed.Token);
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
            return;
        }

        _actions = [.. _records.Select(r => r.Entry.Action).Distinct().Order(StringComparer.Ordinal)];
        Filter();
    }

    private void Filter()
    {
        _matching = [.. _records.Where(r => AuditFilter.Matches(r, Action, Text))];
        _shown = PageSize;
    }

    private void ActionChanged(string? action)
    {
        Action = action ?? AllActions;
        Filter();
    }

    private void TextChanged(string? text)
    {
        Text = text ?? "";
        Filter();
    }

    private void LoadMore() => _shown += PageSize;
}
