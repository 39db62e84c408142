using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Bench.Harness.Peers;

namespace Dashboard.Bench.Harness.Query;

/// <summary>
/// nghttp2's <c>h2load</c> (Debian package nghttp2-client) against one URL for a fixed time after a warm-up, over
/// HTTP/2 negotiated by TLS ALPN. Requests/s is h2load's own figure over the timed part; the latency percentiles come
/// from its per-request log (h2load prints only min/max/mean/sd).
/// </summary>
internal static partial class H2Load
{
    /// <exception cref="InvalidOperationException">h2load failed, did not negotiate h2, or a request did not succeed.</exception>
    /// <param name="headers">Extra request headers, <c>name: value</c> (an <c>Authorization</c> header, say).</param>
    public static async Task<Result> RunAsync(Uri url, int seconds, int warmupSeconds, int clients, int streams, string logPath, CancellationToken cancellationToken,
        IReadOnlyList<string>? headers = null)
    {
        var output = await ExternalCommand.RunAsync("h2load",
        [
            .. (headers ?? []).Select(header => $"--header={header}"),
            string.Create(CultureInfo.InvariantCulture, $"--duration={seconds}"),
            string.Create(CultureInfo.InvariantCulture, $"--warm-up-time={warmupSeconds}"),
            string.Create(CultureInfo.InvariantCulture, $"--clients={clients}"),
            string.Create(CultureInfo.InvariantCulture, $"--max-concurrent-streams={streams}"),
            "--threads=1",
            $"--log-file={logPath}",
            url.AbsoluteUri,
        ], TimeSpan.FromSeconds(seconds + warmupSeconds + 60), cancellationToken);

        var protocol = Match(ProtocolLine(), output, "application protocol").Groups[1].Value;
        if (protocol != "h2")
        {
            throw new InvalidOperationException($"h2load negotiated '{protocol}', not h2:\n{output}");
        }

        var requests = Match(RequestsLine(), output, "request counts");
        var succeeded = long.Parse(requests.Groups["succeeded"].Value, CultureInfo.InvariantCulture);
        var failed = long.Parse(requests.Groups["failed"].Value, CultureInfo.InvariantCulture) +
                     long.Parse(requests.Groups["errored"].Value, CultureInfo.InvariantCulture) +
                     long.Parse(requests.Groups["timeout"].Value, CultureInfo.InvariantCulture);
        var status = Match(StatusLine(), output, "status codes");
        var not2xx = status.Groups.Cast<Group>().Skip(2).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
        if (failed > 0 || not2xx > 0 || succeeded == 0)
        {
            throw new InvalidOperationException($"h2load: {succeeded} succeeded, {failed} failed, {not2xx} not 2xx:\n{output}");
        }

        var perSecond = double.Parse(Match(FinishedLine(), output, "requests/s").Groups[1].Value, CultureInfo.InvariantCulture);
        var latencies = Percentiles.Sorted(File.ReadLines(logPath)
            .Select(line => line.Split('\t'))
            .Where(columns => columns.Length >= 3 && columns[1] == "200")
            .Select(columns => long.Parse(columns[2], CultureInfo.InvariantCulture) / 1000.0));
        return new Result(perSecond, succeeded, latencies.Length, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99), Percentiles.Of(latencies, 100));
    }

    private static System.Text.RegularExpressions.Match Match(Regex regex, string output, string what)
    {
        var match = regex.Match(output);
        return match.Success ? match : throw new InvalidOperationException($"h2load's output has no {what}:\n{output}");
    }

    [GeneratedRegex(@"^Application protocol: (\S+)", RegexOptions.Multiline)]
    private static partial Regex ProtocolLine();

    [GeneratedRegex(@"^finished in [0-9.]+\w+, ([0-9.]+) req/s", RegexOptions.Multiline)]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"^requests: \d+ total, \d+ started, \d+ done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored, (?<timeout>\d+) timeout", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    /// <param name="RequestsPerSecond">h2load's rate over the timed part.</param>
    /// <param name="Succeeded">Requests h2load counted as succeeded in the timed part.</param>
    /// <param name="Logged">Requests in the per-request log with status 200 (the percentiles' sample).</param>
    /// <param name="P50Ms">Median latency.</param>
    /// <param name="P99Ms">99th percentile latency.</param>
    /// <param name="MaxMs">Slowest request.</param>
    internal sealed record Result(double RequestsPerSecond, long Succeeded, int Logged, double P50Ms, double P99Ms, double MaxMs);
}
