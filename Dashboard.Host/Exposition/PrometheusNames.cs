using System.Diagnostics.Metrics;
using System.Text;

namespace Dashboard.Host.Exposition;

/// <summary>
/// Turns an OpenTelemetry-style instrument (<c>dashboard.collection.duration</c>, unit <c>s</c>) into a Prometheus
/// family name (<c>dashboard_collection_duration_seconds</c>): dots to underscores, the unit spelled out as a suffix,
/// <c>_total</c> on counters, the way the OpenTelemetry Prometheus exporter names them too.
/// </summary>
internal static class PrometheusNames
{
    /// <summary>The family name of an instrument.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>A valid Prometheus metric name.</returns>
    public static string For(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        if (UnitSuffix(instrument.Unit) is { } unit && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        if (IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>Whether the instrument only ever goes up (a Prometheus counter).</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>Whether it is a counter.</returns>
    public static bool IsCounter(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>);
    }

    /// <summary>A label name from a tag key.</summary>
    /// <param name="key">The tag key.</param>
    /// <returns>A valid Prometheus label name.</returns>
    public static string Label(string key) => Sanitize(key);

    private static string? UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => null,
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",

        // Annotations such as {sample} only name what is counted: Prometheus names carry no such suffix.
        _ when unit.StartsWith('{') => null,
        _ => Sanitize(unit),
    };

    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
