namespace Dashboard.Core.Collection;

/// <summary>
/// A plugin's metrics class, compiled: its declared metrics and one delegate that reads them all from an object.
/// Obtained from <see cref="MetricClasses.For"/>, which builds it once per class.
/// </summary>
public sealed class MetricClass
{
    private readonly MetricReader _read;

    internal MetricClass(Type type, DeclaredMetric[] metrics, MetricReader read)
    {
        Type = type;
        Declared = metrics;
        _read = read;
    }

    /// <summary>Reads every declared member of an object.</summary>
    /// <param name="source">An instance of the class.</param>
    /// <param name="values">Receives the value of metric <c>i</c> at index <c>i</c>.</param>
    /// <param name="present">Receives at index <c>i</c> whether metric <c>i</c> has a value (a nullable may not).</param>
    internal delegate void MetricReader(object source, double[] values, bool[] present);

    /// <summary>The class.</summary>
    public Type Type { get; }

    /// <summary>Its metrics, in the order they are written.</summary>
    public IReadOnlyList<DeclaredMetric> Metrics => Declared;

    // The array itself, for the writer's loop: indexing it costs less than going through the interface.
    internal DeclaredMetric[] Declared { get; }

    /// <summary>
    /// Reads every declared member of <paramref name="source"/> into <paramref name="values"/> and
    /// <paramref name="present"/>, each at least <see cref="Metrics"/>' count long.
    /// </summary>
    /// <param name="source">An instance of <see cref="Type"/>.</param>
    /// <param name="values">The values, by metric index.</param>
    /// <param name="present">Whether each metric has a value this time.</param>
    public void Read(object source, double[] values, bool[] present) => _read(source, values, present);
}
