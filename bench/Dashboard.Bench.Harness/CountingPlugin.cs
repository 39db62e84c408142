namespace Dashboard.Bench.Harness;

/// <summary>
/// The Counting test plugin (<c>tests/assets/Counting</c>), a real plugin DLL: monitor "Counting", two samples per
/// collect, config keys <c>greeting</c> and <c>step</c>.
/// </summary>
internal static class CountingPlugin
{
    public const string MonitorName = "Counting";

    /// <summary>The config every benchmark instance gets (the plugin reads <c>greeting</c> in Configure).</summary>
    public const string Config = """{ "greeting": "hello", "step": 1 }""";

    private const string Relative = "artifacts/test-plugins/Counting";

    /// <summary>Finds the built plugin folder: the one given, else artifacts/test-plugins/Counting above the working
    /// directory or the harness's own folder.</summary>
    public static string Locate(string? given)
    {
        if (given is not null)
        {
            return HasAssembly(given) ? Path.GetFullPath(given)
                : throw new ArgumentException($"--plugin {given} holds no Counting.dll.");
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, Relative);
                if (HasAssembly(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new ArgumentException(
            $"{Relative}/Counting.dll was not found above {Environment.CurrentDirectory}; build it with " +
            "`dotnet build tests/assets/Counting/Counting.csproj` or pass --plugin <dir>.");
    }

    /// <summary>Copies the plugin folder to <paramref name="destination"/>, file by file, as a user dropping it would.</summary>
    public static void CopyTo(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        }
    }

    private static bool HasAssembly(string folder) => File.Exists(Path.Combine(folder, "Counting.dll"));
}
