using Dashboard.Core.Audit;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Secrets;

namespace Dashboard.Host.Api;

/// <summary>The audit detail of a write to <c>plugins.json</c>: what changed, instance by instance, with secrets masked.</summary>
internal static class ConfigChangeDetail
{
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
