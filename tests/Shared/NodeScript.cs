using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Dashboard.Tests;

/// <summary>
/// Runs a script of tests/js with node on a file and returns the JSON it prints. A missing node fails the test with
/// what to do; it never skips.
/// </summary>
internal static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The folder of the scripts (and of their npm packages).</summary>
    public static string ScriptsPath { get; } = Path.Combine(TestPaths.RepoRoot, "tests", "js");

    public static async Task<JsonElement> RunAsync(string script, string file)
    {
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
