using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dashboard.Tests;

namespace Dashboard.Host.Tests;

/// <summary>
/// The built host as a separate process (<c>dotnet Dashboard.Host.dll</c>), so a test can kill it for real. Listens on
/// a free loopback port; its output is kept for failure messages.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host with the given settings (as <c>Dashboard__…</c> environment variables).</summary>
    public static HostProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [HostAssembly()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HostAssembly())!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // Plain "Urls" (not ASPNETCORE_URLS): it must outrank the Urls key of appsettings.json.
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Dashboard__Auth__Mode"] = "Unsecured";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), port);
    }

    public async Task WaitReadyAsync(double seconds = 60)
    {
        await Eventually.TrueAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/readyz");
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(seconds), "host ready; output so far:\n" + Output);
    }

    public async Task<JsonElement> InstanceWhenAsync(string id, Func<JsonElement, bool> condition, string what, double seconds = 30)
    {
        var last = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await Client.GetAsync($"/api/instances/{id}");
            return response.IsSuccessStatusCode && condition(last = await response.Content.ReadFromJsonAsync<JsonElement>());
        }, TimeSpan.FromSeconds(seconds), $"{what}; host output:\n{Output}");
        return last;
    }

    /// <summary>Waits for the host to stop by itself and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(double seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, buffers in the process are lost.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host stops cleanly (ASP.NET's console lifetime handles it).</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    // The host built with the same configuration as these tests.
    private static string HostAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(TestPaths.RepoRoot, "Dashboard.Host", "bin", configuration, "net10.0", "Dashboard.Host.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the host first: {path} is missing.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
