namespace Dashboard.Core.Query.Functions;

/// <summary>
/// <c>rate</c>, <c>increase</c>, <c>delta</c>, <c>irate</c>, <c>idelta</c> over one series' window, with Prometheus
/// 2.42's semantics: counter resets corrected, the result extrapolated towards the window's ends (but not past the
/// point where a counter would have been zero, and by at most half an average sample interval where the data stops
/// short). <see langword="null"/> where Prometheus returns no sample (fewer than two samples, or no time between them).
/// </summary>
public static class RateKernels
{
    /// <summary><c>rate(v[range])</c>: the per-second increase of a counter.</summary>
    public static double? Rate(RangeSamples window) => Extrapolated(window, isCounter: true, isRate: true);

    /// <summary><c>increase(v[range])</c>: the increase of a counter over the range.</summary>
    public static double? Increase(RangeSamples window) => Extrapolated(window, isCounter: true, isRate: false);

    /// <summary><c>delta(v[range])</c>: the difference between a gauge's first and last value, extrapolated.</summary>
    public static double? Delta(RangeSamples window) => Extrapolated(window, isCounter: false, isRate: false);

    /// <summary><c>irate(v[range])</c>: the per-second rate between the last two samples, a reset read as one from zero.</summary>
    public static double? InstantRate(RangeSamples window) => Instant(window, isRate: true);

    /// <summary><c>idelta(v[range])</c>: the difference between the last two samples.</summary>
    public static double? InstantDelta(RangeSamples window) => Instant(window, isRate: false);

    private static double? Extrapolated(RangeSamples window, bool isCounter, bool isRate)
    {
        var values = window.Values;
        var times = window.Timestamps;
        if (values.Length < 2)
        {
            return null;
        }

        var first = values[0];
        var last = values[^1];
        var result = last - first;
        if (isCounter)
        {
            // Each drop is a restart from zero: add back what was counted before it.
            var previous = first;
            for (var i = 1; i < values.Length; i++)
            {
                if (values[i] < previous)
                {
                    result += previous;
                }

                previous = values[i];
            }
        }

        var durationToStart = (times[0] - window.WindowStartMs) / 1e3;
        var durationToEnd = (window.WindowEndMs - times[^1]) / 1e3;
        var sampledInterval = (times[^1] - times[0]) / 1e3;
        var averageInterval = sampledInterval / (values.Length - 1);

        // A counter cannot have been below zero: extrapolate back no further than where the line would cross it.
        if (isCounter && result > 0 && first >= 0)
        {
            var durationToZero = sampledInterval * (first / result);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
            }
        }

        // Extrapolate to an end only when the data reaches close to it; else assume the series started or stopped
        // half an interval beyond its first or last sample.
        var threshold = averageInterval * 1.1;
        var extrapolateTo = sampledInterval;
        extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
        // One factor, then one multiplication, as Prometheus orders it: (a*b)/c and a*(b/c) differ in the last bit.
        var factor = extrapolateTo / sampledInterval;
        if (isRate)
        {
            factor /= (window.WindowEndMs - window.WindowStartMs) / 1e3;
        }

        return result * factor;
    }

    private static double? Instant(RangeSamples window, bool isRate)
    {
        var values = window.Values;
        if (values.Length < 2)
        {
            return null;
        }

        var last = values[^1];
        var previous = values[^2];
        var result = isRate && last < previous ? last : last - previous;
        var seconds = (window.Timestamps[^1] - window.Timestamps[^2]) / 1e3;
        if (seconds == 0)
        {
            return null;
        }

        return isRate ? result / seconds : result;
    }
}
