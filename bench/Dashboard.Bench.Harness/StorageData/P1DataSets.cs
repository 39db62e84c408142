namespace Dashboard.Bench.Harness.StorageData;

/// <summary>
/// The data sets of P1, as both stores read them from the same arguments: one per synthetic kind
/// (<c>--data synthetic</c>, the default), or the node-exporter capture (<c>--data node [--dump FILE]</c>).
/// </summary>
internal static class P1DataSets
{
    /// <summary>Where bench/peers/capture-node-exporter.sh leaves its dump by default.</summary>
    public const string DefaultDump = "/work/capture/node/node-exporter.dump";

    public static IEnumerable<(string Kind, IEnumerable<BenchSample> Samples)> From(HarnessArguments args)
    {
        switch (args.Text("data") ?? "synthetic")
        {
            case "synthetic":
                var seriesPerKind = args.Int("series", 1000);
                var count = args.Int("count", 2880);
                var intervalMs = args.Int("interval-ms", 15_000, min: 10);
                var seed = (ulong)args.Int("seed", 1, min: 0);
                var startMs = args.Long("start-ms", StorageBenchData.DefaultStartMs);
                var jitterMs = args.Int("jitter-ms", StorageBenchData.DefaultJitterMs, min: 0);
                foreach (var kind in SeriesKinds.Parse(args.Text("kinds")))
                {
                    var set = new StorageBenchData([kind], seriesPerKind, startMs, intervalMs, count, seed, jitterMs);
                    Peers.ResultLine.Note($"P1 {set}");
                    yield return (SeriesKinds.Name(kind), set.SeriesOrdered());
                }

                break;
            case "node":
                var dump = args.Text("dump") ?? DefaultDump;
                if (!File.Exists(dump))
                {
                    throw new ArgumentException($"No node-exporter dump at {dump}; bench/peers/capture-node-exporter.sh makes it.");
                }

                Peers.ResultLine.Note($"P1 node-exporter dump {dump}");
                yield return ("node", PromtoolDumpReader.Read(dump));
                break;
            case var other:
                throw new ArgumentException($"--data {other}: expected synthetic or node.");
        }
    }
}
