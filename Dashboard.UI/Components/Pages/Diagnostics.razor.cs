using Dashboard.Core.Audit;
using Dashboard.UI.Live;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.UI.Components.Pages;

/// <summary>
/// Admin page of the host process's diagnostics. The process tab is live (read on the server every second: a gauge
/// of this process, not a poll of the browser); the profiling tabs come with issue 8.
/// </summary>
public sealed partial class Diagnostics : IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);
    private ITimer? _timer;
    private ProcessSnapshot _process = null!;
    private string? _collectResult;

    /// <summary>The clock.</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Where the collection is recorded.</summary>
    [Inject]
    public required IAuditLog Audit { get; init; }

    /// <summary>Who the user is.</summary>
    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _process = ProcessSnapshot.Read(Time.GetUtcNow());
        if (RendererInfo.IsInteractive)
        {
            _timer = Time.CreateTimer(_ => _ = RefreshAsync(), null, RefreshInterval, RefreshInterval);
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await InvokeAsync(() =>
            {
                _process = ProcessSnapshot.Read(Time.GetUtcNow());
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed.
        }
    }

    private async Task CollectGarbageAsync()
    {
        if (await AdminCheck.AdminAsync(Authentication) is not { } admin)
        {
            _collectResult = "Only an admin may run a collection.";
            return;
        }

        var before = GC.GetGCMemoryInfo().HeapSizeBytes;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo().HeapSizeBytes;
        _collectResult = $"Heap {Quantities.Bytes(before)} → {Quantities.Bytes(after)}.";
        Audit.Record(new AuditEntry(AuditActor.Of(admin), AuditActions.DiagnosticsGc, "host", _collectResult));
        _process = ProcessSnapshot.Read(Time.GetUtcNow());
    }
}
