using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Secrets;

namespace Dashboard.Core.Audit;

/// <summary>The audit detail of a write to <c>plugins.json</c>: what changed, instance by instance, with secrets masked.</summary>
public static class ConfigChangeDetail
{
    /// <summary>The lines of <see cref="ConfigDiff"/> between two texts of the file, joined by new lines.</summary>
    /// <param name="before">The file before the write, or <see langword="null"/> when there was none.</param>
    /// <param name="after">The file written.</param>
    /// <param name="secrets">The secret fields of each plugin's config.</param>
    /// <returns>The detail.</returns>
    public static string Between(string? before, string after, ConfigSecrets secrets) =>
        string.Join('\n', ConfigDiff.Describe(Parse(before), PluginsFileParser.Parse(after), secrets));

    // A file that could not be read before the write counts as empty: everything in the new one is shown as added.
    private static PluginsDocument Parse(string? text)
    {
        if (text is null)
        {
            return PluginsDocument.Empty;
        }

        try
        {
            return PluginsFileParser.Parse(text);
        }
        catch (ConfigFormatException)
        {
            return PluginsDocument.Empty;
        }
    }
}
