using System.Globalization;

namespace Dashboard.Core.Query.Parsing;

/// <summary>The <c>@</c> modifier: a fixed evaluation time, or the start or end of the query range.</summary>
/// <param name="Kind">Which time.</param>
/// <param name="TimestampMs">For <see cref="AtKind.Timestamp"/>, the Unix time in milliseconds.</param>
public sealed record AtModifier(AtKind Kind, long TimestampMs)
{
    /// <summary><c>@ start()</c>.</summary>
    public static AtModifier Start { get; } = new(AtKind.Start, 0);

    /// <summary><c>@ end()</c>.</summary>
    public static AtModifier End { get; } = new(AtKind.End, 0);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        AtKind.Start => "@ start()",
        AtKind.End => "@ end()",
        _ => "@ " + (TimestampMs / 1000m).ToString("0.###", CultureInfo.InvariantCulture),
    };
}
