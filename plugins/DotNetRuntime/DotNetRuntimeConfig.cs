namespace Dashboard.Plugins.DotNetRuntime;

/// <summary>The config of one DotNetRuntime instance; the defaults mirror those of the schema.</summary>
public sealed class DotNetRuntimeConfig
{
    /// <summary>Whether GC figures are also broken down per generation (eight more series).</summary>
    public bool IncludeGcGenerations { get; init; } = true;

    /// <summary>Whether thrown exceptions are counted, which costs a handler call on every exception in the process.</summary>
    public bool CountExceptions { get; init; } = true;
}
