using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Dashboard.Tests;

namespace Dashboard.Host.Tests;

/// <summary>
/// Runs a reader script of tests/js (apache-arrow, hyparquet) on a downloaded file and returns the JSON it prints:
/// a reader written by others is the real check that a file is what the format says. A missing node or npm package
/// fails the test with what to do; it never skips.
/// </summary>
internal static class NodeReader
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static string ScriptsPath { get; } = Path.Combine(TestPaths.RepoRoot, "tests", "js");

    public static async Task<JsonElement> ReadAsync(string script, string file)
    {
        foreach (var package in new[] { "apache-arrow", "hyparquet" })
        {
            if (!Directory.Exists(Path.Combine(ScriptsPath, "node_modules", package)))
            {
                Assert.Fail($"npm package '{package}' is not installed in {ScriptsPath}: run scripts/install-deps.sh (it runs 'npm ci' there).");
            }
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(ScriptsPath, script), file },
            WorkingDirectory = ScriptsPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"'node' could not be started ({ex.Message}): install Node.js so that 'node' is on PATH.");
            throw;
        }

        using (process)
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node {script} did not finish within {Timeout.TotalSeconds} s; stderr: {await stderr}");
            }

            var output = await stdout;
            if (process.ExitCode != 0)
            {
                Assert.Fail($"node {script} {file} exited with {process.ExitCode}; stderr: {await stderr}");
            }

            try
            {
                return JsonDocument.Parse(output).RootElement.Clone();
            }
            catch (JsonException ex)
            {
                Assert.Fail($"node {script} printed no JSON ({ex.Message}); stdout: {output}; stderr: {await stderr}");
                throw;
            }
        }
    }
}
