using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Dashboard.Bench.Harness.RemoteWrite;

/// <summary>
/// The built host (<c>dotnet Dashboard.Host.dll</c>, Release) as a process of its own on 127.0.0.1, with an empty
/// plugins folder and its data in the run's work folder, so its CPU time is its own. Killed when disposed.
/// </summary>
internal sealed class DashboardHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private DashboardHostProcess(Process process, StreamWriter log, int port)
    {
        _process = process;
        _log = log;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    public Uri BaseAddress { get; }

    /// <param name="folder">Where its plugins folder, plugins.json, data and log go.</param>
    /// <param name="port">Its port on 127.0.0.1.</param>
    /// <param name="settings">Configuration keys (<c>Dashboard:Auth:WriterApiKey</c>…), passed as environment variables.</param>
    /// <param name="hostDll">The built host; by default Dashboard.Host/bin/Release/net10.0 of this repository.</param>
    public static DashboardHostProcess Start(string folder, int port, IReadOnlyDictionary<string, string> settings, string? hostDll)
    {
        var dll = hostDll ?? Path.Combine(RepoRoot(), "Dashboard.Host", "bin", "Release", "net10.0", "Dashboard.Host.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the host first (dotnet build Dashboard.Host -c Release): {dll} is missing.");
        }

        Directory.CreateDirectory(Path.Combine(folder, "plugins"));
        File.WriteAllText(Path.Combine(folder, "plugins.json"), """{ "instances": [] }""");
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Dashboard__Auth__Mode"] = "Unsecured";
        info.Environment["Dashboard__PluginsPath"] = Path.Combine(folder, "plugins");
        info.Environment["Dashboard__PluginsConfigPath"] = Path.Combine(folder, "plugins.json");
        info.Environment["Dashboard__DataPath"] = Path.Combine(folder, "host-data");
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = new StreamWriter(Path.Combine(folder, "host.log")) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new DashboardHostProcess(process, log, port);
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with {_process.ExitCode}; see host.log.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the host was not ready within {timeout}.");
    }

    /// <summary>The process's CPU time so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public long ResidentKib() => ProcessStats.ResidentKib(_process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory + "; pass --host-dll.");
    }
}
