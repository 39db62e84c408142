using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Dashboard.Tests;

/// <summary>
/// Debian's Prometheus 2.42 (<c>/usr/bin/prometheus</c>, installed by scripts/install-deps.sh) on a free loopback port,
/// with its own data folder; killed on dispose. A missing binary fails the test that starts it.
/// </summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus";

    private readonly TempFolder _folder = new();
    private readonly Process _process;

    private PrometheusProcess(string config, IEnumerable<string> flags)
    {
        Port = FreePort();
        var configPath = _folder.Combine("prometheus.yml");
        File.WriteAllText(configPath, config);
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[$"--config.file={configPath}", $"--storage.tsdb.path={_folder.Combine("data")}",
                     $"--web.listen-address=127.0.0.1:{Port}", .. flags])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Log.Add(line); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Prometheus's own log lines, for failure messages.</summary>
    public List<string> Log { get; } = [];

    /// <summary>Starts Prometheus and waits until it answers <c>/-/ready</c>.</summary>
    public static async Task<PrometheusProcess> StartAsync(string config, params string[] flags)
    {
        var prometheus = new PrometheusProcess(config, flags);
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var ready = await prometheus.Client.GetAsync("/-/ready");
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "Prometheus ready");
        return prometheus;
    }

    /// <summary>An instant query; the <c>data.result</c> array.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        var answer = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        return answer.GetProperty("data").GetProperty("result");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Client.Dispose();
        _folder.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
