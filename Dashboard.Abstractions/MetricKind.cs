namespace Dashboard.Abstractions;

/// <summary>How a sample's value behaves over time.</summary>
public enum MetricKind
{
    /// <summary>A value that goes up and down (temperature, bytes in use).</summary>
    Gauge = 0,

    /// <summary>A running total that only increases, resetting to zero when its source restarts.</summary>
    Counter = 1,
}
