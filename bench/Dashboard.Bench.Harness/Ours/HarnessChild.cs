using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Dashboard.Bench.Harness.Ours;

/// <summary>
/// This harness run again as a child process, on a hidden subcommand: it reports on standard output, one line per
/// event, and its standard error passes through to ours. A child must not outlive us: on SIGTERM (a step's timeout) we
/// kill the children still running, and a child waiting on its standard input, a pipe from us, sees it end if we die
/// harder.
/// </summary>
internal sealed class HarnessChild : IDisposable
{
    private static readonly ConcurrentDictionary<HarnessChild, byte> Running = new();

    // The runtime ends the process on SIGTERM without raising ProcessExit; a handler that does not cancel runs first.
    private static readonly PosixSignalRegistration OnTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillAll());

    private readonly Process _process;

    static HarnessChild() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    private HarnessChild(Process process)
    {
        _process = process;
        Running.TryAdd(this, 0);
    }

    public int ProcessId => _process.Id;

    public static HarnessChild Start(string subcommand, IEnumerable<string> arguments)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The harness does not know its own path.");
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Started as "dotnet Dashboard.Bench.Harness.dll": the host needs the assembly again.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        info.ArgumentList.Add(subcommand);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"The {subcommand} child did not start.");
        return new HarnessChild(process);
    }

    /// <summary>The child's next line that starts with <paramref name="tag"/>, split on spaces after the tag.</summary>
    public async Task<string[]> ExpectAsync(string tag, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync(limit.Token)
                ?? throw new InvalidOperationException($"The child {_process.Id} ended (exit {ExitCodeText()}) before saying '{tag}'.");
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                return line[(tag.Length + 1)..].Split(' ');
            }
        }
    }

    /// <summary>SIGKILL: no handler, no flush, no dispose runs in the child.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The child {_process.Id} exited {_process.ExitCode}.");
        }
    }

    public void Dispose()
    {
        if (!Running.TryRemove(this, out _))
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static void KillAll()
    {
        foreach (var child in Running.Keys)
        {
            child.Dispose();
        }
    }

    private string ExitCodeText() => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none yet";
}
