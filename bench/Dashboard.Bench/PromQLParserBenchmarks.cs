using BenchmarkDotNet.Attributes;
using Dashboard.Core.Query.Parsing;

namespace Dashboard.Bench;

/// <summary>
/// The PromQL parser on a dozen queries of the kind dashboards send (node_exporter and HTTP service panels): lexing,
/// parsing, type checking and building the matchers (regex matchers compile their regex). <c>ParseAndPrint</c> adds
/// printing the tree back, as a cache key would.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class PromQLParserBenchmarks
{
    private readonly string[] _queries =
    [
        "up",
        "up{job=\"node\"} == 0",
        "rate(http_requests_total{job=\"api\", code!=\"500\"}[5m])",
        "sum by (job) (rate(http_requests_total[5m]))",
        "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m])))",
        "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes * 100",
        "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"api\"}[5m])))",
        "topk(5, sum by (instance) (rate(node_network_receive_bytes_total{device!~\"lo|veth.*\"}[1m])))",
        "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))",
        "max_over_time(node_load1[1h]) > bool 4",
        "label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
        "increase(node_disk_read_bytes_total[1h] offset 1d) / on(instance) group_left(nodename) node_uname_info",
    ];

    /// <summary>Parses the twelve queries.</summary>
    /// <returns>The node count seen, so the work is not elided.</returns>
    [Benchmark(Baseline = true)]
    public int Parse()
    {
        var count = 0;
        foreach (var query in _queries)
        {
            count += PromQLParser.ParseExpr(query) is BinaryExpr ? 2 : 1;
        }

        return count;
    }

    /// <summary>Parses the twelve queries and prints each tree back.</summary>
    /// <returns>The printed length, so the work is not elided.</returns>
    [Benchmark]
    public int ParseAndPrint()
    {
        var length = 0;
        foreach (var query in _queries)
        {
            length += PromQLParser.ParseExpr(query).ToString().Length;
        }

        return length;
    }
}
