namespace Dashboard.UI.Components.Pages;

/// <summary>A diagnostics tab still to be filled (issue 8): what it will show and the endpoint that will serve it.</summary>
/// <param name="Title">The tab's title.</param>
/// <param name="Plan">What the tab will show.</param>
/// <param name="Endpoint">The admin HTTP endpoint of the same data (docs/api.md's diagnostics routes).</param>
public sealed record DiagnosticsParts(string Title, string Plan, string Endpoint)
{
    /// <summary>Every planned part, in tab order.</summary>
    public static IReadOnlyList<DiagnosticsParts> All { get; } =
    [
        new("CPU profile", "A CPU profile of this process (or another .NET process) over N seconds from an EventPipe session, drawn as a flame graph and downloadable as pprof or speedscope.",
            "/debug/pprof/profile?seconds=N[&pid=]"),
        new("Heap", "The managed heap's top types by size and count from a heap walk, and what grew between two walks.",
            "/debug/pprof/heap"),
        new("Threads", "Every managed thread with its stack, identical stacks grouped.",
            "/debug/pprof/goroutine"),
        new("Counters", "The runtime's and the dashboard's counters and meters, live.",
            "/debug/counters"),
        new("Processes", "The other .NET processes on this machine that can be profiled.",
            "/debug/processes"),
    ];
}
