using System.Globalization;
using System.Text;

namespace Dashboard.Core.Plugins;

/// <summary>A cheap summary of a folder's files (names, sizes, times) that changes whenever any file does.</summary>
internal static class FolderFingerprint
{
    /// <returns>The fingerprint, or <see langword="null"/> if the folder vanished while it was read.</returns>
    public static string? TryOf(string folder)
    {
        try
        {
            return Of(folder);
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static string Of(string folder)
    {
        var text = new StringBuilder();
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}\n");
        }

        return Configuration.PluginsFileParser.Hash(text.ToString());
    }
}
