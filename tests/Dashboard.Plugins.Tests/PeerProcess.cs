using System.Diagnostics;
using System.Net;

namespace Dashboard.Plugins.Tests;

/// <summary>
/// A real exporter binary (Debian's <c>prometheus-node-exporter</c>, <c>prometheus</c>) started on 127.0.0.1 for a test,
/// its output in a log file, killed when disposed. A missing binary fails the test, in CI and out: the tests exist to
/// scrape the real thing, and <c>scripts/install-deps.sh</c> installs it.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _logPath;

    private PeerProcess(Process process, string logPath)
    {
        _process = process;
        _logPath = logPath;
    }

    /// <summary>Starts <paramref name="binary"/> and waits until <paramref name="readyUrl"/> answers 200.</summary>
    /// <param name="binary">The absolute path of the binary.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="logPath">Where its standard output and error go.</param>
    /// <param name="readyUrl">A URL that answers 200 once it serves.</param>
    /// <param name="cancellationToken">Bounds the wait.</param>
    /// <returns>The running process.</returns>
    public static async Task<PeerProcess> StartAsync(string binary, IEnumerable<string> arguments, string logPath, Uri readyUrl,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException(
                $"{binary} is not installed; run scripts/install-deps.sh (CI={Environment.GetEnvironmentVariable("CI") ?? "unset"}).", binary);
        }

        // Through sh only to send the output to a file: a pipe nobody reads could stall the peer.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >\"$PEER_LOG\" 2>&1");
        info.ArgumentList.Add(binary);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PEER_LOG"] = logPath;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{binary} did not start.");
        var peer = new PeerProcess(process, logPath);
        try
        {
            await peer.WaitReadyAsync(readyUrl, cancellationToken);
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync(Uri readyUrl, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The peer exited with {_process.ExitCode} before it served {readyUrl}: {await File.ReadAllTextAsync(_logPath, CancellationToken.None)}");
            }

            try
            {
                using var response = await client.GetAsync(readyUrl, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
