namespace Dashboard.Abstractions;

/// <summary>
/// Declares a property or field of a plugin's metrics class as a metric, so the whole object can be written at once
/// with <see cref="ISampleWriter.Write{T}"/>. The host reads the declarations of a class once and compiles a reader
/// for it; a collect then costs what the hand-written <see cref="ISampleWriter.Write(string, MetricKind, ReadOnlySpan{Label}, double, DateTimeOffset?)"/>
/// calls would.
/// </summary>
/// <remarks>
/// <para>The member may be public or not, a property with a getter or a field, of type <see cref="double"/>,
/// <see cref="float"/>, <see cref="decimal"/>, <see cref="long"/>, <see cref="int"/>, <see cref="short"/>,
/// <see cref="sbyte"/>, <see cref="ulong"/>, <see cref="uint"/>, <see cref="ushort"/>, <see cref="byte"/>,
/// <see cref="bool"/> (written as 1 or 0), <see cref="TimeSpan"/> (written in seconds), or a nullable of one of them
/// (nothing is written while it is <see langword="null"/>).</para>
/// <para>Names follow Prometheus conventions, and the host refuses a class that breaks them, naming the class and
/// member: a valid metric name, <c>_total</c> at the end of a counter's name and never of a gauge's, the
/// <see cref="Unit"/> (when given) as the name's suffix before any <c>_total</c>, <c>_seconds</c> for a
/// <see cref="TimeSpan"/>, and each name declared once per class.</para>
/// </remarks>
/// <param name="name">The metric name, e.g. <c>http_requests_total</c>.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class MetricAttribute(string name) : Attribute
{
    /// <summary>The metric name (<c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>).</summary>
    public string Name { get; } = name;

    /// <summary>What the metric measures, in one sentence, for people reading it.</summary>
    public string? Help { get; set; }

    /// <summary>
    /// The metric's base unit (<c>seconds</c>, <c>bytes</c>, <c>ratio</c>…). Not appended: the name must already end
    /// with it (<c>_bytes</c>, or <c>_bytes_total</c> for a counter), so the name in the code is the name stored.
    /// </summary>
    public string? Unit { get; set; }

    /// <summary>Gauge (the default) or counter.</summary>
    public MetricKind Kind { get; set; } = MetricKind.Gauge;
}
