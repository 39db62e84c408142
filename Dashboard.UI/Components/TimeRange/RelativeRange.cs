using System.Globalization;

namespace Dashboard.UI.Components.TimeRange;

/// <summary>One of the picker's "last …" choices: its URL spelling (<c>15m</c>) and its length.</summary>
/// <param name="Text">How the URL and the picker spell it.</param>
/// <param name="Length">How far back from now it reaches.</param>
public sealed record RelativeRange(string Text, TimeSpan Length)
{
    /// <summary>The choices the picker offers, shortest first.</summary>
    public static IReadOnlyList<RelativeRange> All { get; } =
    [
        new("5m", TimeSpan.FromMinutes(5)),
        new("15m", TimeSpan.FromMinutes(15)),
        new("1h", TimeSpan.FromHours(1)),
        new("3h", TimeSpan.FromHours(3)),
        new("6h", TimeSpan.FromHours(6)),
        new("12h", TimeSpan.FromHours(12)),
        new("24h", TimeSpan.FromHours(24)),
        new("2d", TimeSpan.FromDays(2)),
        new("7d", TimeSpan.FromDays(7)),
    ];

    /// <summary>The choice spelled <paramref name="text"/>, or null.</summary>
    public static RelativeRange? Find(string? text) =>
        All.FirstOrDefault(r => string.Equals(r.Text, text, StringComparison.Ordinal));

    /// <summary>"Last 15 minutes", for buttons and titles.</summary>
    public string Describe() => Length.TotalHours switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"Last {Length.TotalMinutes:0} minutes"),
        < 48 => Length.TotalHours == 1 ? "Last hour" : string.Create(CultureInfo.InvariantCulture, $"Last {Length.TotalHours:0} hours"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Last {Length.TotalDays:0} days"),
    };
}
