using Dashboard.Abstractions;

namespace Dashboard.Core.Collection;

/// <summary>One member of a metrics class marked with <see cref="MetricAttribute"/>, as the host read it.</summary>
/// <param name="Name">The metric name.</param>
/// <param name="Kind">Gauge or counter.</param>
/// <param name="Help">What it measures, if the plugin said.</param>
/// <param name="Unit">Its base unit, if the plugin said.</param>
/// <param name="Member">The property or field it is read from, as <c>Class.Member</c>.</param>
public sealed record DeclaredMetric(string Name, MetricKind Kind, string? Help, string? Unit, string Member);
