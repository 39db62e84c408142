using System.Text;
using Dashboard.Abstractions;

namespace Dashboard.Core.Exposition;

/// <summary>
/// One metric name of the collected series, across every instance. Holds its name and the per-scrape tallies the
/// exposition uses to group its series; scrapes are serialised, so those fields are never shared by two scrapes.
/// </summary>
internal sealed class ExposedFamily(string name)
{
    private const string CounterSuffix = "_total";

    private ((TextExpositionFormat Format, bool SawGauge, bool SawCounter) Key, byte[] Bytes)? _typeLine;

    /// <summary>The metric name.</summary>
    public string Name { get; } = name;

    /// <summary>Where this family's series start in the scrape's grouped array.</summary>
    public int Offset { get; set; }

    /// <summary>How many series the scrape saw.</summary>
    public int Count { get; set; }

    /// <summary>The scrape that last counted this family.</summary>
    public long Scrape { get; set; }

    /// <summary>Whether the scrape saw a gauge of this name.</summary>
    public bool SawGauge { get; set; }

    /// <summary>Whether the scrape saw a counter of this name.</summary>
    public bool SawCounter { get; set; }

    /// <summary>Starts a scrape's tally.</summary>
    /// <param name="scrape">The scrape's number.</param>
    public void Reset(long scrape)
    {
        Scrape = scrape;
        Count = 0;
        SawGauge = false;
        SawCounter = false;
    }

    /// <summary>Counts a series of this family.</summary>
    /// <param name="kind">The series' kind.</param>
    public void Count1(MetricKind kind)
    {
        Count++;
        if (kind == MetricKind.Counter)
        {
            SawCounter = true;
        }
        else
        {
            SawGauge = true;
        }
    }

    /// <summary>
    /// Whether the host's own families already use this name, in which case the family is left out: a name may
    /// appear once in an exposition. In OpenMetrics a counter family is named without its <c>_total</c>.
    /// </summary>
    /// <param name="ownFamilies">The names in the host's own <c># TYPE</c> lines.</param>
    /// <returns>Whether it clashes.</returns>
    public bool ClashesWith(IReadOnlySet<string> ownFamilies) =>
        ownFamilies.Contains(Name)
        || (Name.EndsWith(CounterSuffix, StringComparison.Ordinal) && ownFamilies.Contains(Name[..^CounterSuffix.Length]));

    /// <summary>The <c># TYPE</c> line of this scrape's tally.</summary>
    /// <param name="format">The exposition format.</param>
    /// <returns>The line, newline included.</returns>
    public string TypeLine(TextExpositionFormat format)
    {
        var mixed = SawGauge && SawCounter;
        if (format == TextExpositionFormat.Prometheus)
        {
            return $"# TYPE {Name} {(mixed ? "untyped" : SawCounter ? "counter" : "gauge")}\n";
        }

        // OpenMetrics names a counter family without the suffix its samples carry; a counter lacking it can only be "unknown".
        if (SawCounter && !mixed && Name.EndsWith(CounterSuffix, StringComparison.Ordinal))
        {
            return $"# TYPE {Name[..^CounterSuffix.Length]} counter\n";
        }

        return $"# TYPE {Name} {(mixed || SawCounter ? "unknown" : "gauge")}\n";
    }

    /// <summary>The UTF-8 bytes of <see cref="TypeLine"/>, made again only when the format or the kinds seen change.</summary>
    /// <param name="format">The exposition format.</param>
    /// <returns>The bytes.</returns>
    public byte[] TypeLineUtf8(TextExpositionFormat format)
    {
        var key = (format, SawGauge, SawCounter);
        if (_typeLine is not { } cached || cached.Key != key)
        {
            _typeLine = cached = (key, Encoding.UTF8.GetBytes(TypeLine(format)));
        }

        return cached.Bytes;
    }
}
