using System.Text.RegularExpressions;
using Dashboard.Abstractions;

namespace Dashboard.Plugins.System;

/// <summary>Traffic per network interface, from <c>/proc/net/dev</c>.</summary>
internal sealed class NetworkCollector : ISystemCollector
{
    // The first four columns of each direction, in file order; the rest (fifo, frame, …) are rarely useful.
    private static readonly string[] ReceiveMetrics =
    [
        "system_network_receive_bytes_total",
        "system_network_receive_packets_total",
        "system_network_receive_errors_total",
        "system_network_receive_drop_total",
    ];

    private static readonly string[] TransmitMetrics =
    [
        "system_network_transmit_bytes_total",
        "system_network_transmit_packets_total",
        "system_network_transmit_errors_total",
        "system_network_transmit_drop_total",
    ];

    // Each direction has eight columns.
    private const int ColumnsPerDirection = 8;

    private readonly ProcFileReader _reader;
    private readonly Regex? _exclude;
    private readonly LabelValueCache _interfaceNames = new();

    public NetworkCollector(ProcFileReader reader, string procPath, Regex? exclude)
    {
        _reader = reader;
        _exclude = exclude;
        SourcePath = Path.Combine(procPath, "net", "dev");
    }

    public string SourcePath { get; }

    public void Collect(ISampleWriter writer, CancellationToken cancellationToken)
    {
        foreach (var line in _reader.ReadAll(SourcePath).EnumerateLines())
        {
            // Header lines have no colon; an interface line is "name: columns", where a large first column may
            // follow the colon with no space, so split at the colon rather than at whitespace.
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            if (_exclude is not null && _exclude.IsMatch(name))
            {
                continue;
            }

            var device = _interfaceNames.Get(name);
            var fields = new FieldReader(line[(colon + 1)..]);
            WriteDirection(writer, ref fields, device, ReceiveMetrics);
            WriteDirection(writer, ref fields, device, TransmitMetrics);
        }
    }

    private static void WriteDirection(ISampleWriter writer, ref FieldReader fields, string device, string[] metrics)
    {
        foreach (var metric in metrics)
        {
            writer.Counter(metric, [new("device", device)], fields.ReadUInt64());
        }

        fields.Skip(ColumnsPerDirection - metrics.Length);
    }
}
