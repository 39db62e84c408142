using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Dashboard.Tests;

/// <summary>
/// A real Prometheus 2.42 (Debian's <c>/usr/bin/prometheus</c>) on 127.0.0.1 with its own data folder and config,
/// for tests of what we send it and what it sends us. Its log is kept for failure messages. A missing binary fails
/// the test (scripts/install-deps.sh installs it), so a test that needs Prometheus never passes without it.
/// </summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly string _folder;
    private readonly bool _remoteWriteReceiver;
    private readonly IReadOnlyList<string> _arguments;
    private Process? _process;

    private PrometheusProcess(string folder, bool remoteWriteReceiver, int port, IReadOnlyList<string> arguments)
    {
        _folder = folder;
        _remoteWriteReceiver = remoteWriteReceiver;
        _arguments = arguments;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Where it accepts remote_write, when started with the receiver on.</summary>
    public Uri WriteUrl => new(BaseAddress, "api/v1/write");

    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";

    private string LogPath => Path.Combine(_folder, "prometheus.log");

    /// <summary>
    /// Writes <paramref name="configYaml"/> to prometheus.yml in <paramref name="folder"/> and starts Prometheus on it,
    /// on <paramref name="port"/> or a free one, with any further command-line <paramref name="arguments"/>
    /// (e.g. <c>--query.max-samples=10</c>).
    /// </summary>
    public static async Task<PrometheusProcess> StartAsync(string folder, string configYaml, bool remoteWriteReceiver, int? port = null,
        IReadOnlyList<string>? arguments = null)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"{Binary} is missing: these tests run against Debian's prometheus 2.42; install it with scripts/install-deps.sh.");
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), configYaml);
        var prometheus = new PrometheusProcess(folder, remoteWriteReceiver, port ?? LoopbackListener.FreePort(), arguments ?? []);
        await prometheus.RestartAsync();
        return prometheus;
    }

    /// <summary>Starts the process again on the same port and data folder (after <see cref="StopAsync"/>), and waits until ready.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo(Binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add($"--config.file={Path.Combine(_folder, "prometheus.yml")}");
        start.ArgumentList.Add($"--storage.tsdb.path={Path.Combine(_folder, "data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{Port}");
        if (_remoteWriteReceiver)
        {
            start.ArgumentList.Add("--web.enable-remote-write-receiver");
        }

        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        process.Exited += (_, _) =>
        {
            lock (log)
            {
                log.Dispose();
            }
        };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(BaseAddress, "-/ready"));
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "prometheus ready");
    }

    /// <summary>SIGTERM, and waits for the exit: Prometheus closes its head and write-ahead log as on any shutdown.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>The raw samples of every series matching <paramref name="selector"/> in [time − range, time] (2.42 includes both ends).</summary>
    /// <returns>Each series' labels in the Prometheus text form (sorted, <c>__name__</c> included) and its samples.</returns>
    public async Task<Dictionary<string, List<(long TimestampMs, double Value)>>> RawSamplesAsync(string selector, TimeSpan range, DateTimeOffset time)
    {
        var query = $"{selector}[{(long)range.TotalSeconds}s]";
        var url = new Uri(BaseAddress, string.Create(CultureInfo.InvariantCulture,
            $"api/v1/query?query={Uri.EscapeDataString(query)}&time={time.ToUnixTimeMilliseconds() / 1000.0:0.000}"));
        using var document = JsonDocument.Parse(await Http.GetStringAsync(url));
        var result = new Dictionary<string, List<(long, double)>>(StringComparer.Ordinal);
        foreach (var series in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = series.GetProperty("metric").EnumerateObject()
                .Select(p => (p.Name, Value: p.Value.GetString()!))
                .OrderBy(l => l.Name, StringComparer.Ordinal);
            var samples = series.GetProperty("values").EnumerateArray()
                .Select(v => ((long)Math.Round(v[0].GetDouble() * 1000), ParseValue(v[1].GetString()!)))
                .ToList();
            result.Add(Key(labels), samples);
        }

        return result;
    }

    /// <summary>
    /// The sum of a metric of Prometheus's own <c>/metrics</c> over its series whose line contains every one of
    /// <paramref name="labels"/> (e.g. <c>code="400"</c>); NaN when none does.
    /// </summary>
    public async Task<double> SelfMetricAsync(string name, params string[] labels)
    {
        var text = await Http.GetStringAsync(new Uri(BaseAddress, "metrics"));
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is '{' or ' '
                && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            {
                sum = (sum ?? 0) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return sum ?? double.NaN;
    }

    /// <summary>A series key: <c>{a="1",b="2"}</c> over labels sorted by name.</summary>
    public static string Key(IEnumerable<(string Name, string Value)> sortedLabels) =>
        "{" + string.Join(',', sortedLabels.Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }

    private static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process exited while its last lines were in flight.
            }
        }
    }
}
