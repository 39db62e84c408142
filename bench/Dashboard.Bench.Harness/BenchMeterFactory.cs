using System.Diagnostics.Metrics;

namespace Dashboard.Bench.Harness;

/// <summary>The smallest <see cref="IMeterFactory"/>: the meters it made, disposed with it.</summary>
internal sealed class BenchMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose() => _meters.ForEach(m => m.Dispose());
}
