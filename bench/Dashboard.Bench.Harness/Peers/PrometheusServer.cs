using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// One <c>prometheus</c> process on 127.0.0.1, its log in a file next to its data. It is killed when disposed, and
/// when the harness exits by a signal, so no peer outlives a run.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly HashSet<Process> Running = [];
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly HttpClient _http;

    static PrometheusServer() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    private PrometheusServer(Process process, int port, Stopwatch sinceStart, LoopbackTls? tls)
    {
        _process = process;
        Port = port;
        SinceStart = sinceStart;
        _http = tls is null ? Http : new HttpClient(tls.CreateHandler()) { Timeout = Http.Timeout };
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"{(tls is null ? "http" : "https")}://127.0.0.1:{port}/"));
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Started just before the process was, so recovery time includes the process's own start.</summary>
    public Stopwatch SinceStart { get; }

    public bool HasExited => _process.HasExited;

    /// <param name="dataPath">The TSDB folder; the log goes to <c>prometheus.log</c> beside it.</param>
    /// <param name="configPath">A prometheus.yml.</param>
    /// <param name="port">The web port on 127.0.0.1.</param>
    /// <param name="remoteWriteReceiver">Whether to accept remote_write pushes on /api/v1/write.</param>
    /// <param name="tls">When set, the web port speaks only HTTPS (HTTP/1.1 and HTTP/2) with this certificate.</param>
    public static PrometheusServer Start(string dataPath, string configPath, int port, bool remoteWriteReceiver, LoopbackTls? tls = null)
    {
        var logPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataPath))!, "prometheus.log");
        // Through sh only to send the log to a file: `exec` leaves prometheus itself as the child whose id we hold,
        // which is the process kill -9 must hit, and a file (unlike a pipe) never stalls it.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$PROMETHEUS_LOG\" 2>&1");
        info.ArgumentList.Add("prometheus");
        info.ArgumentList.Add($"--config.file={configPath}");
        info.ArgumentList.Add($"--storage.tsdb.path={dataPath}");
        info.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--web.listen-address=127.0.0.1:{port}"));
        if (remoteWriteReceiver)
        {
            info.ArgumentList.Add("--web.enable-remote-write-receiver");
        }

        if (tls is not null)
        {
            info.ArgumentList.Add($"--web.config.file={tls.WebConfigPath}");
        }

        info.Environment["PROMETHEUS_LOG"] = logPath;
        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("prometheus did not start.");
        lock (Running)
        {
            Running.Add(process);
        }

        return new PrometheusServer(process, port, sinceStart, tls);
    }

    /// <summary>Polls <c>/-/ready</c> until it answers 200.</summary>
    /// <returns>The time from <see cref="Start"/> to the first 200.</returns>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ready = new Uri(BaseAddress, "-/ready");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode} before it was ready; see prometheus.log.");
            }

            try
            {
                using var response = await _http.GetAsync(ready, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return SinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            // 10 ms: fine enough for recovery times of a second or more, cheap enough not to slow the replay it waits on.
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }

        throw new TimeoutException($"prometheus was not ready within {timeout}.");
    }

    public async Task<string> MetricsAsync(CancellationToken cancellationToken) =>
        await _http.GetStringAsync(new Uri(BaseAddress, "metrics"), cancellationToken);

    /// <summary>Polls <c>/metrics</c> until <paramref name="done"/> holds for it.</summary>
    /// <returns>The last exposition read.</returns>
    public async Task<string> WaitMetricsAsync(Func<string, bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var metrics = await MetricsAsync(cancellationToken);
            if (done(metrics))
            {
                return metrics;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"prometheus did not reach {what} within {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>
    /// Has Go collect garbage now: the heap profile endpoint runs <c>runtime.GC()</c> first when asked with <c>gc=1</c>.
    /// Without it a memory reading lands anywhere between the live heap and twice that, by GOGC's pacing.
    /// </summary>
    public async Task CollectGarbageAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(BaseAddress, "debug/pprof/heap?gc=1"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The process's CPU time so far: utime + stime of <c>/proc/&lt;pid&gt;/stat</c>, children excluded.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public long ResidentKib() => ProcessStats.ResidentKib(_process.Id);

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown, no flush beyond what the process already wrote.</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await KillHardAsync();
        lock (Running)
        {
            Running.Remove(_process);
        }

        _process.Dispose();
        if (_http != Http)
        {
            _http.Dispose();
        }
    }

    private static void KillAll()
    {
        lock (Running)
        {
            foreach (var process in Running)
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        }
    }
}
