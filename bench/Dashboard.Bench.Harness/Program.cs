using Dashboard.Bench.Harness;

const string Usage = """
    Usage:
      Dashboard.Bench.Harness scheduler [--seconds 60] [--instances 1000] [--interval-ms 100] [--warmup-seconds 5] [--clock system|millisecond] [--plugin <dir>]
      Dashboard.Bench.Harness plugin-load [--loads 50] [--cycles 1000] [--warmup-cycles 50] [--unique-names] [--plugin <dir>]
      Dashboard.Bench.Harness alc-baseline [--cycles 1000] [--warmup-cycles 50] [--plugin <dir>]

    --plugin is the built Counting test plugin folder (default: artifacts/test-plugins/Counting above the working directory).
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
        case "scheduler":
            await SchedulerBenchmark.RunAsync(options);
            return 0;
        case "plugin-load":
            await PluginLoadBenchmark.RunAsync(options);
            return 0;
        case "alc-baseline":
            await AlcBaselineBenchmark.RunAsync(options);
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
