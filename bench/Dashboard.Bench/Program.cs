using BenchmarkDotNet.Running;
using Dashboard.Bench;

switch (args)
{
    case ["--chunk-sizes"]:
        ChunkSizeReport.Print();
        return;
    case ["--chunk-dump", var dump]:
        ChunkDumpReport.Print(dump);
        return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
