using System.Globalization;
using Dashboard.Abstractions;

namespace Dashboard.Plugins.System;

/// <summary>The 1, 5 and 15 minute load averages, from <c>/proc/loadavg</c>.</summary>
internal sealed class LoadCollector : ISystemCollector
{
    private static readonly string[] Metrics = ["system_load1", "system_load5", "system_load15"];

    private readonly ProcFileReader _reader;

    public LoadCollector(ProcFileReader reader, string procPath)
    {
        _reader = reader;
        SourcePath = Path.Combine(procPath, "loadavg");
    }

    public string SourcePath { get; }

    public void Collect(ISampleWriter writer, CancellationToken cancellationToken)
    {
        var fields = new FieldReader(_reader.ReadAll(SourcePath));
        foreach (var metric in Metrics)
        {
            var field = fields.Read();
            if (!double.TryParse(field, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var load))
            {
                throw new FormatException($"Expected a load average, found '{field}'.");
            }

            writer.Gauge(metric, load);
        }
    }
}
