using Dashboard.Abstractions;

namespace Dashboard.Plugins.System;

/// <summary>One area of system figures (CPU, memory, …), read from one source each collect.</summary>
internal interface ISystemCollector
{
    /// <summary>The file the collector reads, named in the error when it cannot be parsed.</summary>
    string SourcePath { get; }

    /// <summary>Reads the source once and writes its samples.</summary>
    void Collect(ISampleWriter writer, CancellationToken cancellationToken);
}
