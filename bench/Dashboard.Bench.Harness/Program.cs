using Dashboard.Bench.Harness;
using Dashboard.Bench.Harness.Edge;
using Dashboard.Bench.Harness.Exposition;
using Dashboard.Bench.Harness.Ours;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.Query;
using Dashboard.Bench.Harness.RemoteWrite;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Bench.Harness.Ui;

const string Usage = """
    Usage:
      Dashboard.Bench.Harness scheduler [--seconds 60] [--instances 1000] [--interval-ms 100] [--warmup-seconds 5] [--clock system|millisecond] [--plugin <dir>]
      Dashboard.Bench.Harness plugin-load [--loads 50] [--cycles 1000] [--warmup-cycles 50] [--unique-names] [--plugin <dir>]
      Dashboard.Bench.Harness alc-baseline [--cycles 1000] [--warmup-cycles 50] [--plugin <dir>]

    Storage data and the Prometheus 2.42 peer (prometheus and promtool on PATH; results as "measure kind value unit" lines on stdout):
      Dashboard.Bench.Harness storage-data [--kinds all] [--series 2] [--count 5] [--interval-ms 15000] [--jitter-ms 3] [--seed 1] [--start-ms <ms>] [--dump <file>] [--time-ordered] [--summary]
      Dashboard.Bench.Harness peer-p1 [--data synthetic|node] [--kinds all] [--series 1000] [--count 2880] [--interval-ms 15000] [--jitter-ms 3] [--seed 1] [--start-ms <ms>] [--dump <file>] [--max-block-duration 54h]
      Dashboard.Bench.Harness peer-p2 [--kinds all] [--series 100000] [--count 480] [--interval-ms 15000] [--seed 2] [--batch 10000] [--concurrency 2] [--settle-seconds 10]
      Dashboard.Bench.Harness peer-p3 [--kinds all] [--series 50000] [--targets 1] [--seconds 60] [--warmup-seconds 15] [--scrape-interval-s 1] [--seed 3]
      Dashboard.Bench.Harness peer-recovery [--kinds all] [--series 20000] [--count 500] [--interval-ms 15000] [--seed 4] [--batch 10000] [--concurrency 2] [--ready-timeout-s 600]

    /metrics against prometheus-node-exporter 1.5 (P9; needs Dashboard.Host built in Release and the shipped plugins in artifacts/plugins):
      Dashboard.Bench.Harness p9 [--series 10000,100000] [--scrapes 30] [--repo <path>]

    --plugin is the built Counting test plugin folder (default: artifacts/test-plugins/Counting above the working directory).
    --kinds is all or a comma-separated list of constant, counter, gauge_walk, two_decimal; --series counts all kinds together,
    except in peer-p1 and storage-data, where it is per kind. The peers' data goes under --work <dir> (default: the temp folder),
    deleted afterwards unless --keep. --dump defaults to /work/capture/node/node-exporter.dump.

    Our store on the same data sets (ours_* lines, named like the peer's):
      Dashboard.Bench.Harness ours-p1 [--data synthetic|node] and peer-p1's data options
      Dashboard.Bench.Harness ours-p2 [--kinds all] [--series 100000] [--count 480] [--interval-ms 15000] [--seed 2] [--settle-seconds 10]
      Dashboard.Bench.Harness ours-p3 [--kinds all] [--series 50000] [--seconds 60] [--warmup-seconds 15] [--seed 3] [--paced]
      Dashboard.Bench.Harness ours-recovery [--kinds all] [--series 20000] [--count 500] [--interval-ms 15000] [--seed 4] [--ready-timeout-s 600]

    Scraping, ours (the PrometheusScrape plugin, built in artifacts/plugins) and Prometheus 2.42 in one run on one loopback target:
      Dashboard.Bench.Harness scrape [--kinds all] [--series 50000] [--seconds 60] [--warmup-seconds 15] [--seed 3] [--plugin <dir>]
    remote_write, both ways, with the Prometheus 2.42 peer:
      Dashboard.Bench.Harness remote-write-send [--series 10000] [--seconds 30] [--shards 4] [--capacity 2500] [--max-samples-per-send 500]
      Dashboard.Bench.Harness remote-write-receive [--kinds all] [--series 100000] [--targets 4] [--seconds 60] [--warmup-seconds 20] [--host-dll <path>]
    Chart panel JSON bytes (P5): five series shapes M4-decimated, in matrix JSON and the chart format, beside Prometheus 2.42's query_range at step = range / width:
      Dashboard.Bench.Harness p5-bytes [--points 1000000] [--width 1000] [--interval-ms 1000] [--seed 5] [--timeout-s 900]
    Queries (P4 query_range p50/p99, P6 h2load over HTTP/2), ours and Prometheus 2.42 over TLS, same remote_write-backfilled data (needs h2load):
      Dashboard.Bench.Harness query [--parts p4,p6] [--sides prometheus,ours] [--hours 24] [--interval-s 60] [--counters 100] [--gauges 10000] [--groups 10] [--histograms 100] [--steps 1000] [--iterations 50] [--warmup 5] [--warmup-seconds 15] [--p6-seconds 20] [--p6-warmup-seconds 5] [--clients 8] [--streams 4] [--p6-query <promql>] [--p6-path <path?query>] [--host-settings 'key=value;…'] [--host-dll <path>]
    Blazor circuits: N live pages of one headless Chromium (/usr/bin/chromium) on the built host, memory per circuit vs none and one, errors, collect→DOM latency:
      Dashboard.Bench.Harness ui-circuits [--circuits 50] [--seconds 60] [--settle-seconds 10] [--path <page, default the overview>] [--plugin <dir>] [--host-dll <path>]
    The HTTP edge: h2load over TLS HTTP/2 (the host's own certificate) on /api/instances and a fixed-time query, Dashboard:Auth:Mode Unsecured vs ApiKey (needs h2load):
      Dashboard.Bench.Harness edge [--seconds 60] [--warmup-seconds 5] [--clients 4] [--streams 25] [--slices 6] [--modes Unsecured,ApiKey] [--paths instances,query] [--query <promql>] [--host-settings 'key=value;…'] [--host-dll <path>]
    The explorer's chart in Chromium (issue 7): navigation → first paint with 24 h × 20 series (and curl's time for its query), collect → pixel in live mode (needs Dashboard.Host built in Release, chromium, curl):
      Dashboard.Bench.Harness ui-charts [--series 20] [--hours 24] [--interval-s 15] [--navigations 10] [--collects 20] [--collect-interval-ms 1000] [--plugin <dir>] [--host-dll <path>]
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    var options = HarnessArguments.Parse(args.AsSpan(1));
    switch (args[0])
    {
        case "ui-circuits":
            await UiCircuitsBenchmark.RunAsync(options);
            return 0;
        case "scheduler":
            await SchedulerBenchmark.RunAsync(options);
            return 0;
        case "plugin-load":
            await PluginLoadBenchmark.RunAsync(options);
            return 0;
        case "alc-baseline":
            await AlcBaselineBenchmark.RunAsync(options);
            return 0;
        case "storage-data":
            StorageDataCommand.Run(options);
            return 0;
        case "peer-p1":
            await PeerP1Benchmark.RunAsync(options);
            return 0;
        case "peer-p2":
            await PeerP2Benchmark.RunAsync(options);
            return 0;
        case "peer-p3":
            await PeerP3Benchmark.RunAsync(options);
            return 0;
        case "peer-recovery":
            await PeerRecoveryBenchmark.RunAsync(options);
            return 0;
        case "p9":
            await P9ExpositionBenchmark.RunAsync(options);
            return 0;
        case "ours-p1":
            await OursP1Benchmark.RunAsync(options);
            return 0;
        case "ours-p2":
            await OursP2Benchmark.RunAsync(options);
            return 0;
        case "ours-p3":
            OursP3Benchmark.Run(options);
            return 0;
        case "ours-recovery":
            await OursRecoveryBenchmark.RunAsync(options);
            return 0;
        case "remote-write-send":
            await RemoteWriteSendBenchmark.RunAsync(options);
            return 0;
        case "remote-write-receive":
            await RemoteWriteReceiveBenchmark.RunAsync(options);
            return 0;
        case "ours-recovery-fill":
            await OursRecoveryBenchmark.FillAsync(options);
            return 0;
        case "query":
            await QueryBenchmark.RunAsync(options);
            return 0;
        case "ui-charts":
            await Dashboard.Bench.Harness.Ui.UiChartsBenchmark.RunAsync(options);
            return 0;
        case "edge":
            await EdgeBenchmark.RunAsync(options);
            return 0;
        case "p5-bytes":
            await PanelBytesBenchmark.RunAsync(options);
            return 0;
        case "scrape":
            await ScrapeBenchmark.RunAsync(options);
            return 0;
        case "scrape-ours-child":
            await ScrapeBenchmark.ChildAsync(options);
            return 0;
        case "ours-recovery-open":
            OursRecoveryBenchmark.Open(options);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown benchmark '{args[0]}'.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
