using System.Diagnostics;
using System.Globalization;
using Dashboard.Abstractions;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Head;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Bench.Harness.Ours;

/// <summary>
/// Recovery, our side: time to serve again after <c>kill -9</c>, on the data set of <see cref="PeerRecoveryBenchmark"/>
/// (default 20 k series × 500 samples = 10 M, 2 h 05 min at 15 s ending now: with the default 2 h blocks nothing is
/// cut, so all of it is in the head and its log and none in a snapshot). A child process appends it in time order,
/// flushes the log (every sample is acknowledged from there) and says so; it is then killed with SIGKILL. A second,
/// fresh child opens the store on the same folder: the figure is from its start to <see cref="TsdbStore.Open"/>
/// returning, as Prometheus's is from its start to ready. It then counts the samples a selection of every series
/// returns.
/// </summary>
internal static class OursRecoveryBenchmark
{
    private const string FillCommand = "ours-recovery-fill";
    private const string OpenCommand = "ours-recovery-open";

    public static async Task RunAsync(HarnessArguments args)
    {
        var kinds = args.Text("kinds") ?? "all";
        var series = args.Int("series", 20_000);
        var count = args.Int("count", 500);
        var intervalMs = args.Int("interval-ms", 15_000, min: 10);
        var seed = args.Int("seed", 4, min: 0);
        var timeout = TimeSpan.FromSeconds(args.Int("ready-timeout-s", 600));
        var data = Data(kinds, series, StorageBenchData.StartEndingNow(TimeProvider.System, intervalMs, count), intervalMs, count, (ulong)seed);
        var kind = SeriesKinds.Describe(data.Kinds);
        ResultLine.Note($"recovery ours {data}");

        using var work = new BenchWorkFolder(args, "ours-recovery");
        var path = work.Combine("tsdb");
        long acknowledged;
        using (var filler = HarnessChild.Start(FillCommand,
        [
            "--path", path, "--kinds", kinds, "--series", Text(series), "--count", Text(count), "--interval-ms", Text(intervalMs),
            "--seed", Text(seed), "--start-ms", Text(data.StartMs),
        ]))
        {
            var said = await filler.ExpectAsync("acknowledged", timeout);
            acknowledged = long.Parse(said[0], CultureInfo.InvariantCulture);
            ResultLine.Note($"the filler acknowledged {acknowledged:N0} samples; kill -9 {filler.ProcessId}");
            await filler.KillHardAsync();
        }

        var walBytes = StoreFootprint.FolderBytes(Path.Combine(path, "wal"));
        var snapshotBytes = StoreFootprint.FolderBytes(Path.Combine(path, "snapshots"));
        ResultLine.Note($"left behind: {walBytes:N0} bytes of log, {snapshotBytes:N0} bytes of snapshot");

        var clock = Stopwatch.StartNew();
        using var opener = HarnessChild.Start(OpenCommand, ["--path", path]);
        var opened = await opener.ExpectAsync("opened", timeout);
        var ready = clock.Elapsed.TotalSeconds;
        var replay = double.Parse(opened[0], CultureInfo.InvariantCulture);
        var headSeries = long.Parse(opened[1], CultureInfo.InvariantCulture);
        var counted = await opener.ExpectAsync("counted", timeout);
        var recovered = long.Parse(counted[0], CultureInfo.InvariantCulture);
        await opener.WaitForExitAsync(timeout);
        ResultLine.Note(string.Create(CultureInfo.InvariantCulture,
            $"open again after {ready:0.000} s from the process start, of which {replay:0.000} s in Open; {headSeries:N0} head series, {recovered:N0} samples answer a selection"));
        if (recovered != acknowledged)
        {
            ResultLine.Note($"WARNING: {acknowledged - recovered:N0} acknowledged samples did not come back");
        }

        ResultLine.Write("ours_recovery_seconds", kind, ready, "s");
        ResultLine.Write("ours_recovery_replay_seconds", kind, replay, "s");
        ResultLine.Write("ours_recovery_samples", kind, acknowledged, "samples");
        ResultLine.Write("ours_recovery_samples_recovered", kind, recovered, "samples");
        ResultLine.Write("ours_recovery_head_series", kind, headSeries, "series");
        ResultLine.Write("ours_recovery_wal_bytes", kind, walBytes, "bytes");
        ResultLine.Write("ours_recovery_snapshot_bytes", kind, snapshotBytes, "bytes");
    }

    /// <summary>
    /// The hidden first child: appends the data set, flushes the log, says how much, and waits to be killed. It waits
    /// on its standard input, which ends only if the parent dies first: then it exits rather than linger.
    /// </summary>
    public static async Task FillAsync(HarnessArguments args)
    {
        var data = Data(args.Text("kinds") ?? "all", args.Int("series", 20_000), args.Long("start-ms", 0), args.Int("interval-ms", 15_000, min: 10),
            args.Int("count", 500), (ulong)args.Int("seed", 4, min: 0));
        var store = new BenchStore(RequirePath(args));
        store.Store.Open();
        var labels = new Dictionary<BenchSeries, Label[]>(ReferenceEqualityComparer.Instance);
        var clock = Stopwatch.StartNew();
        long appended = 0;
        foreach (var sample in data.TimeOrdered())
        {
            if (!labels.TryGetValue(sample.Series, out var set))
            {
                set = StoreLabels.Of(sample.Series);
                labels.Add(sample.Series, set);
            }

            var outcome = store.Store.Append(set, sample.TimestampMs, sample.Value);
            appended += outcome == AppendOutcome.Appended ? 1
                : throw new InvalidOperationException($"{sample.Series} at {sample.TimestampMs}: {outcome}.");
        }

        store.Store.Flush();
        ResultLine.Note($"filler: {appended:N0} samples appended and flushed in {clock.Elapsed.TotalSeconds:0.0} s, {store.Store.BlockCount} blocks");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acknowledged {appended}"));
        // Never disposed: the parent kills this process, as kill -9 would. Standard input ends only if the parent died first.
        await Console.In.ReadToEndAsync();
        Environment.Exit(3);
    }

    /// <summary>The hidden second child: opens the store, says how long recovery took, then counts every sample.</summary>
    public static void Open(HarnessArguments args)
    {
        using var store = new BenchStore(RequirePath(args));
        var report = store.Store.Open();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"opened {report.Elapsed.TotalSeconds:0.######} {report.Series} {report.Samples}"));
        if (report.WalProblem is not null || report.SnapshotProblem is not null || report.CorruptBlocks.Count > 0)
        {
            ResultLine.Note($"opener: log: {report.WalProblem ?? "clean"}; snapshot: {report.SnapshotProblem ?? "none or fine"}; corrupt blocks: {report.CorruptBlocks.Count}");
        }

        long samples = 0;
        foreach (var series in store.Store.Select([new LabelMatcher(Core.Storage.Index.LabelMatchType.Regex, LabelNames.MetricName, ".+")], long.MinValue, long.MaxValue))
        {
            var cursor = series.Samples();
            while (cursor.MoveNext())
            {
                samples++;
            }
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"counted {samples}"));
    }

    private static StorageBenchData Data(string kinds, int series, long startMs, int intervalMs, int count, ulong seed)
    {
        var parsed = SeriesKinds.Parse(kinds);
        return series % parsed.Count == 0
            ? new StorageBenchData(parsed, series / parsed.Count, startMs, intervalMs, count, seed)
            : throw new ArgumentException($"--series {series} does not split evenly over {parsed.Count} kinds.");
    }

    private static string RequirePath(HarnessArguments args) =>
        args.Text("path") ?? throw new ArgumentException("--path <store folder> is required.");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
