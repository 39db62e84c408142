namespace Dashboard.Tests;

/// <summary>Where the real plugins built for the tests are, and scratch folders that clean up after themselves.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TestPlugin(string name) => Path.Combine(RepoRoot, "artifacts", "test-plugins", name);

    public static string ShippedPlugin(string name) => Path.Combine(RepoRoot, "artifacts", "plugins", name);

    /// <summary>Copies a built plugin folder into <paramref name="pluginsPath"/> under <paramref name="folderName"/>.</summary>
    public static string CopyPlugin(string source, string pluginsPath, string folderName)
    {
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Built plugin not found at {source}; build the test assets first.");
        }

        var target = Path.Combine(pluginsPath, folderName);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
