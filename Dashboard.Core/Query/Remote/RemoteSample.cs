using System.Text.Json.Serialization;

namespace Dashboard.Core.Query.Remote;

/// <summary>One sample of a matrix answer, <c>[seconds, "value"]</c> on the wire.</summary>
/// <param name="TimestampMs">Its time, Unix ms.</param>
/// <param name="Value">Its value.</param>
[JsonConverter(typeof(RemoteSampleConverter))]
internal readonly record struct RemoteSample(long TimestampMs, double Value);
