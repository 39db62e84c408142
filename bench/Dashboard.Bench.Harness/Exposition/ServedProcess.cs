using System.Diagnostics;

namespace Dashboard.Bench.Harness.Exposition;

/// <summary>
/// A process serving <c>/metrics</c> on 127.0.0.1 (node_exporter, or our host), its output in a log file, killed when
/// disposed; its CPU time read from <c>/proc</c> so the cost of scrapes can be charged to it.
/// </summary>
internal sealed class ServedProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServedProcess(Process process, Uri metrics)
    {
        _process = process;
        Metrics = metrics;
    }

    /// <summary>The <c>/metrics</c> address.</summary>
    public Uri Metrics { get; }

    /// <summary>Starts <paramref name="start"/> with its output going to <paramref name="logPath"/>.</summary>
    public static ServedProcess Start(ProcessStartInfo start, string logPath, Uri metrics)
    {
        // Through sh only to send the output to a file, which (unlike a pipe nobody reads) never stalls the process;
        // exec keeps the served process itself as the child whose CPU time we read.
        var shell = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = start.WorkingDirectory };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$SERVED_LOG\" 2>&1");
        shell.ArgumentList.Add(start.FileName);
        foreach (var argument in start.ArgumentList)
        {
            shell.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in start.Environment)
        {
            shell.Environment[key] = value;
        }

        shell.Environment["SERVED_LOG"] = logPath;
        var process = Process.Start(shell) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        return new ServedProcess(process, metrics);
    }

    /// <summary>utime + stime so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
