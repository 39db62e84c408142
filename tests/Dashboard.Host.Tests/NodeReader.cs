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
    public static async Task<JsonElement> ReadAsync(string script, string file)
    {
        foreach (var package in new[] { "apache-arrow", "hyparquet" })
        {
            if (!Directory.Exists(Path.Combine(NodeScript.ScriptsPath, "node_modules", package)))
            {
                Assert.Fail($"npm package '{package}' is not installed in {NodeScript.ScriptsPath}: run scripts/install-deps.sh (it runs 'npm ci' there).");
            }
        }

        return await NodeScript.RunAsync(script, file);
    }
}
