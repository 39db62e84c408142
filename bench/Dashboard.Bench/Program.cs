using BenchmarkDotNet.Running;
using Dashboard.Bench;

if (args.Contains("--chunk-sizes"))
{
    ChunkSizeReport.Print();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
