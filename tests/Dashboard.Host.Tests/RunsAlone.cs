namespace Dashboard.Host.Tests;

/// <summary>
/// Tests that run after the others, and alone: the large export measures the heap while a download is paused, which
/// other tests' hosts starting and collecting beside it would blur.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
