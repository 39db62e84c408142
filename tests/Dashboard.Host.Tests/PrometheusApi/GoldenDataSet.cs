using System.Globalization;
using Dashboard.Core.RemoteWrite;
using Dashboard.Core.RemoteWrite.Protocol;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// The deterministic samples the golden tests load into Prometheus 2.42 and into our store: the same label sets and
/// values every run, on a 15 s grid of <see cref="Steps"/> steps from a start the caller gives (Prometheus's
/// remote_write receiver appends into its head, so the data must lie near the present; everything else is fixed).
/// What it holds, so a query corpus can aim at each case:
/// <list type="bullet">
/// <item><c>up{job,instance}</c>: gauges 1, one target (<c>node</c>, <c>c:9100</c>) down (0) for steps 80–119.</item>
/// <item><c>http_requests_total{job="api",instance,method,code}</c>: counters over 2 instances × GET/POST × 200/500,
/// increments 1–8 per step; <c>instance="b:8080"</c> resets to 0 at step 100 and again at 180 (process restarts).</item>
/// <item><c>node_cpu_seconds_total{job="node",instance,cpu,mode}</c>: counters, 2 instances × 2 cpus × idle/user/system.</item>
/// <item><c>memory_usage_bytes{job="node",instance}</c>: gauges going up and down (integer steps).</item>
/// <item><c>temperature_celsius{room,sensor}</c>: gauges with two decimals; <c>sensor="s2"</c> is NaN every 10th step,
/// <c>sensor="s3"</c> is ±Inf at steps 50/51.</item>
/// <item><c>request_duration_seconds_bucket{job="api",instance,le}</c> with <c>le</c> 0.05, 0.1, 0.5, 1, 5, +Inf, plus
/// <c>_sum</c> and <c>_count</c>: a cumulative histogram (counters), so <c>histogram_quantile</c> has data.</item>
/// <item><c>batch_job_last_success{job="batch",task}</c>: <c>task="nightly"</c> stops at step 120 and ends with
/// Prometheus's stale marker (as a scrape that loses a series writes); <c>task="hourly"</c> just stops at step 60
/// (only the 5-minute lookback ends it).</item>
/// <item><c>job:http_requests:rate5m{job="api"}</c>: a recording-rule-style name (colons).</item>
/// <item><c>label_edge_cases{path,msg,city}</c>: values with a slash, quotes and a backslash, and non-ASCII.</item>
/// <item><c>late_starter{job="late"}</c>: starts at step 200.</item>
/// <item><c>sparse_gauge{job="sparse"}</c>: one sample every 10 minutes (gaps longer than the lookback).</item>
/// <item><c>outdoor_celsius{site}</c>: gauges between −5 and 5 in quarter steps, so <c>round</c> meets ties on both
/// sides of zero (<c>−2.5</c>, <c>2.5</c>).</item>
/// </list>
/// </summary>
internal static class GoldenDataSet
{
    /// <summary>Distance between samples, in ms.</summary>
    public const long StepMs = 15_000;

    /// <summary>Samples per regular series: 230 × 15 s = 57.5 min, under the hour Prometheus's head accepts behind its newest sample.</summary>
    public const int Steps = 230;

    /// <summary>Prometheus's stale marker: the NaN a scrape writes when a series disappears.</summary>
    public static readonly double StaleNaN = BitConverter.Int64BitsToDouble(0x7ff0000000000002);

    /// <summary>The series, each with its labels (<c>__name__</c> included) and its samples in time order.</summary>
    /// <param name="startMs">The first step's time, Unix ms.</param>
    /// <returns>The series.</returns>
    public static IReadOnlyList<(IReadOnlyList<(string Name, string Value)> Labels, IReadOnlyList<(long TimestampMs, double Value)> Samples)> Build(long startMs)
    {
        var all = new List<(IReadOnlyList<(string, string)>, IReadOnlyList<(long, double)>)>();
        void Add(string metric, (string, string)[] labels, Func<int, double?> value, int from = 0, int to = Steps)
        {
            var samples = new List<(long, double)>();
            for (var step = from; step < to; step++)
            {
                if (value(step) is { } v)
                {
                    samples.Add((startMs + (step * StepMs), v));
                }
            }

            all.Add(([("__name__", metric), .. labels.OrderBy(l => l.Item1, StringComparer.Ordinal)], samples));
        }

        string[] nodes = ["a:9100", "c:9100"];
        foreach (var instance in nodes)
        {
            Add("up", [("instance", instance), ("job", "node")], step => instance == "c:9100" && step is >= 80 and < 120 ? 0 : 1);
        }

        Add("up", [("instance", "a:8080"), ("job", "api")], _ => 1);
        Add("up", [("instance", "b:8080"), ("job", "api")], _ => 1);

        string[] apis = ["a:8080", "b:8080"];
        var seed = 0;
        foreach (var instance in apis)
        {
            foreach (var method in (string[])["GET", "POST"])
            {
                foreach (var code in (string[])["200", "500"])
                {
                    var increment = 1 + (seed++ % 8);
                    var resets = instance == "b:8080";
                    Add("http_requests_total", [("code", code), ("instance", instance), ("job", "api"), ("method", method)],
                        step => increment * (resets ? (step < 100 ? step : step < 180 ? step - 100 : step - 180) : step) + (code == "500" ? 0 : 1000));
                }
            }
        }

        foreach (var instance in nodes)
        {
            foreach (var cpu in (string[])["0", "1"])
            {
                foreach (var (mode, rate) in ((string, double)[])[("idle", 13.5), ("system", 0.75), ("user", 0.25)])
                {
                    var perCpu = rate + (cpu == "1" ? 0.5 : 0);
                    Add("node_cpu_seconds_total", [("cpu", cpu), ("instance", instance), ("job", "node"), ("mode", mode)],
                        step => Math.Round(10_000 + (step * perCpu), 2));
                }
            }

            Add("memory_usage_bytes", [("instance", instance), ("job", "node")],
                step => (instance == "a:9100" ? 4_000_000_000 : 2_500_000_000) + (((step * 7919) % 101) - 50) * 1_048_576);
        }

        foreach (var sensor in (string[])["s1", "s2", "s3"])
        {
            Add("temperature_celsius", [("room", sensor == "s1" ? "lab" : "hall"), ("sensor", sensor)], step =>
                sensor == "s2" && step % 10 == 0 ? double.NaN
                : sensor == "s3" && step == 50 ? double.PositiveInfinity
                : sensor == "s3" && step == 51 ? double.NegativeInfinity
                : Math.Round(20 + (((step * 37) % 23) / 4.0) + (sensor == "s2" ? 0.25 : 0), 2));
        }

        (string Le, double Share)[] buckets = [("0.05", 0.2), ("0.1", 0.45), ("0.5", 0.8), ("1", 0.93), ("5", 0.99), ("+Inf", 1)];
        foreach (var instance in apis)
        {
            var perStep = instance == "a:8080" ? 40 : 25;
            foreach (var (le, share) in buckets)
            {
                Add("request_duration_seconds_bucket", [("instance", instance), ("job", "api"), ("le", le)], step => Math.Floor(step * perStep * share));
            }

            Add("request_duration_seconds_count", [("instance", instance), ("job", "api")], step => step * perStep);
            Add("request_duration_seconds_sum", [("instance", instance), ("job", "api")], step => Math.Round(step * perStep * 0.137, 3));
        }

        Add("batch_job_last_success", [("job", "batch"), ("task", "nightly")], step => step < 120 ? startMs / 1000.0 + (step - (step % 20)) * 15 : step == 120 ? StaleNaN : null, to: 121);
        Add("batch_job_last_success", [("job", "batch"), ("task", "hourly")], step => startMs / 1000.0 + (step - (step % 4)) * 15, to: 60);
        Add("job:http_requests:rate5m", [("job", "api")], step => Math.Round(1.5 + (step % 7) * 0.25, 2));
        Add("label_edge_cases", [("city", "Zürich"), ("msg", "say \"hi\" \\ bye"), ("path", "/api/v1/x")], step => step);
        Add("label_edge_cases", [("city", "Ōsaka"), ("msg", "plain"), ("path", "/")], step => -step);
        Add("late_starter", [("job", "late")], step => step - 200, from: 200);
        Add("sparse_gauge", [("job", "sparse")], step => step % 40 == 0 ? step : null);
        Add("outdoor_celsius", [("site", "roof")], step => (((step * 29) % 41) - 20) / 4.0);
        Add("outdoor_celsius", [("site", "yard")], step => (((step * 17) % 41) - 20) / -4.0);
        return all;
    }

    /// <summary>The data set as one remote_write request body (snappy-compressed protobuf).</summary>
    /// <param name="startMs">The first step's time, Unix ms.</param>
    /// <returns>The body.</returns>
    public static byte[] WriteRequestBody(long startMs)
    {
        var request = new WriteRequest();
        foreach (var (labels, samples) in Build(startMs))
        {
            var series = new TimeSeries();
            series.Labels.AddRange(labels.Select(l => new Label { Name = l.Name, Value = l.Value }));
            series.Samples.AddRange(samples.Select(s => new Sample { Timestamp = s.TimestampMs, Value = s.Value }));
            request.Timeseries.Add(series);
        }

        return RemoteWriteProtocol.Encode(request);
    }

    /// <summary>A time as the API takes it: Unix seconds, with milliseconds when there are any.</summary>
    /// <param name="unixMs">The time, Unix ms.</param>
    /// <returns>The parameter value.</returns>
    public static string Seconds(long unixMs) =>
        unixMs % 1000 == 0
            ? (unixMs / 1000).ToString(CultureInfo.InvariantCulture)
            : (unixMs / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
}
