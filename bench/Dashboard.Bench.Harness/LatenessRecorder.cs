using System.Diagnostics.Metrics;
using Dashboard.Core.Collection;

namespace Dashboard.Bench.Harness;

/// <summary>
/// Keeps every measurement of the scheduler's lateness histogram, as recorded by Core, in a preallocated array, so the
/// percentiles are exact and recording costs no allocation while the benchmark runs.
/// </summary>
internal sealed class LatenessRecorder : IDisposable
{
    public const string InstrumentName = "dashboard.collection.lateness";

    private readonly MeterListener _listener = new();
    private readonly double[] _seconds;
    private int _count;
    private volatile bool _recording;

    public LatenessRecorder(int capacity)
    {
        _seconds = new double[capacity];
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CollectionMetrics.MeterName && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Measurements that arrived while recording, including any beyond the array's capacity.</summary>
    public int Count => Math.Max(Volatile.Read(ref _count), 0);

    /// <summary>Measurements that did not fit in the array (a sign the capacity was set too low).</summary>
    public int Overflow => Math.Max(Count - _seconds.Length, 0);

    public void Start()
    {
        Volatile.Write(ref _count, 0);
        _recording = true;
    }

    /// <summary>Stops recording.</summary>
    /// <returns>The lateness values in milliseconds, sorted ascending.</returns>
    public double[] Stop()
    {
        _recording = false;
        var values = _seconds.AsSpan(0, Math.Min(Count, _seconds.Length)).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= 1000;
        }

        Array.Sort(values);
        return values;
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!_recording)
        {
            return;
        }

        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _seconds.Length)
        {
            _seconds[index] = seconds;
        }
    }
}
