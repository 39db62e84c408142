using System.Globalization;
using System.Text;

namespace Dashboard.Bench.Harness.StorageData;

/// <summary>
/// Shows a data set as both stores will receive it: the synthetic one (or a node-exporter dump, re-read) in
/// <c>promtool tsdb dump</c> form on standard output, or with <c>--summary</c> only its counts and time range.
/// For checking that generator and reader agree with what promtool and our store see.
/// </summary>
internal static class StorageDataCommand
{
    public static void Run(HarnessArguments args)
    {
        IEnumerable<BenchSample> samples;
        if (args.Text("dump") is { } dump)
        {
            samples = args.Flag("time-ordered") ? PromtoolDumpReader.ReadTimeOrdered(dump) : PromtoolDumpReader.Read(dump);
        }
        else
        {
            var data = new StorageBenchData(SeriesKinds.Parse(args.Text("kinds")), args.Int("series", 2), args.Long("start-ms", StorageBenchData.DefaultStartMs),
                args.Int("interval-ms", 15_000, min: 10), args.Int("count", 5), (ulong)args.Int("seed", 1, min: 0),
                args.Int("jitter-ms", StorageBenchData.DefaultJitterMs, min: 0));
            samples = args.Flag("time-ordered") ? data.TimeOrdered() : data.SeriesOrdered();
        }

        if (args.Flag("summary"))
        {
            var series = new HashSet<BenchSeries>(ReferenceEqualityComparer.Instance);
            long count = 0, min = long.MaxValue, max = long.MinValue, unordered = 0, previous = long.MinValue;
            foreach (var sample in samples)
            {
                series.Add(sample.Series);
                count++;
                min = Math.Min(min, sample.TimestampMs);
                max = Math.Max(max, sample.TimestampMs);
                unordered += sample.TimestampMs < previous ? 1 : 0;
                previous = sample.TimestampMs;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{series.Count} series, {count} samples, {min}..{max} ms ({(max - min) / 1000.0:0.0} s), {unordered} steps back in time"));
            return;
        }

        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        foreach (var sample in samples)
        {
            output.Write(sample.Series.ToString());
            output.Write(' ');
            output.Write(sample.Value switch
            {
                double.PositiveInfinity => "+Inf",
                double.NegativeInfinity => "-Inf",
                var value => value.ToString("R", CultureInfo.InvariantCulture),
            });
            output.Write(' ');
            output.Write(sample.TimestampMs.ToString(CultureInfo.InvariantCulture));
            output.Write('\n');
        }
    }
}
