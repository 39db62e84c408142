namespace Dashboard.Plugins.Tests;

/// <summary>
/// Tests that run after the others, and alone. The unload tests need it: another test's JSON binding can evict a
/// cache entry, or hold a reference, that decides whether a plugin's context is collected.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
