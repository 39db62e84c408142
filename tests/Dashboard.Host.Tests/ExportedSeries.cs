using Dashboard.Abstractions;

namespace Dashboard.Host.Tests;

/// <summary>One series the export tests store: its labels, name as the export prints it, and samples.</summary>
internal sealed record ExportedSeries(Label[] Labels, string Name, (long Timestamp, double Value)[] Samples)
{
    public string? Label(string name) => Array.Find(Labels, l => l.Name == name).Value;
}
