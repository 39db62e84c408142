using System.Diagnostics.Metrics;
using System.Text;
using Dashboard.Core.Exposition;
using Prometheus;

namespace Dashboard.Host.Exposition;

/// <summary>
/// The host's own families for <c>/metrics</c>, in a prometheus-net registry of their own: process figures, HTTP
/// request metrics, and our <c>Dashboard.*</c> meters mirrored with Prometheus names. Nothing else: prometheus-net's
/// re-export of every .NET meter and event counter stays off, since it brings dozens of families named against
/// Prometheus conventions.
/// </summary>
internal sealed class SelfMetrics : IDisposable
{
    /// <summary>The prefix of the meters mirrored: ours.</summary>
    public const string MeterPrefix = "Dashboard.";

    private static readonly byte[] TypeLine = "# TYPE "u8.ToArray();

    private readonly MeterListener _listener;

    /// <summary>Starts mirroring the meters the host's meter factory made.</summary>
    /// <param name="meterFactory">The host's meter factory: only its meters are ours (tests run several hosts in one process).</param>
    public SelfMetrics(IMeterFactory meterFactory)
    {
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meterFactory && instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument, new BridgedInstrument(instrument, factory));
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((BridgedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((BridgedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((BridgedInstrument)state!).Record(value, tags));
        _listener.Start();
        Registry.AddBeforeCollectCallback(_listener.RecordObservableInstruments);
    }

    /// <summary>The registry holding the host's own families.</summary>
    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>Renders the host's own families and lists their names.</summary>
    /// <param name="format">The negotiated format.</param>
    /// <param name="cancellationToken">Cancels the collection.</param>
    /// <returns>The text and the family names in its <c># TYPE</c> lines.</returns>
    public async Task<(ReadOnlyMemory<byte> Text, IReadOnlySet<string> Families)> ExportAsync(TextExpositionFormat format,
        CancellationToken cancellationToken)
    {
        using var text = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(text,
            format == TextExpositionFormat.OpenMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText,
            cancellationToken).ConfigureAwait(false);
        var bytes = text.GetBuffer().AsMemory(0, (int)text.Length);
        return (bytes, FamilyNames(bytes.Span));
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static HashSet<string> FamilyNames(ReadOnlySpan<byte> text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            if (line.StartsWith(TypeLine))
            {
                var rest = line[TypeLine.Length..];
                var space = rest.IndexOf((byte)' ');
                names.Add(Encoding.UTF8.GetString(space < 0 ? rest : rest[..space]));
            }

            text = end < 0 ? [] : text[(end + 1)..];
        }

        return names;
    }
}
