using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Dashboard.Abstractions;

namespace Dashboard.Core.Plugins;

/// <summary>
/// Reads a plugin's main assembly as metadata, without loading it, to refuse early and clearly what cannot work:
/// a file that is not a PE image, a native library, an assembly that does not reference Dashboard.Abstractions, or
/// one built against an incompatible version of it.
/// </summary>
public static class PluginAssemblyInspector
{
    private const string NativeLibrary = "it is a native library, not a .NET assembly; a plugin's main assembly must be " +
        "managed (native dependencies may sit beside it)";

    /// <summary>The contract version this host provides.</summary>
    public static Version HostAbstractionsVersion { get; } = typeof(IMonitor).Assembly.GetName().Version!;

    /// <summary>Checks a plugin assembly.</summary>
    /// <param name="bytes">The assembly file's content.</param>
    /// <returns><see langword="null"/> when it may be loaded, else why not.</returns>
    public static string? Check(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.AsSpan().StartsWith("\u007fELF"u8))
        {
            return NativeLibrary;
        }

        try
        {
            using var pe = new PEReader(new MemoryStream(bytes, writable: false));
            if (!pe.HasMetadata)
            {
                return NativeLibrary;
            }

            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                if (reader.StringComparer.Equals(reference.Name, "Dashboard.Abstractions"))
                {
                    return CheckVersion(reference.Version);
                }
            }

            return "it does not reference Dashboard.Abstractions, so it contains no monitor (a class implementing IMonitor)";
        }
        catch (BadImageFormatException ex)
        {
            return $"it is not a .NET assembly ({ex.Message})";
        }
    }

    private static string? CheckVersion(Version built)
    {
        var host = HostAbstractionsVersion;
        if (built.Major != host.Major)
        {
            return $"it was built against Dashboard.Abstractions {Format(built)}, but this host provides {Format(host)}; " +
                $"the major versions must match (rebuild the plugin against {host.Major}.x)";
        }

        if (built.Minor > host.Minor)
        {
            return $"it was built against Dashboard.Abstractions {Format(built)}, newer than this host's {Format(host)}; " +
                "upgrade the host or build the plugin against an older contract";
        }

        return null;
    }

    private static string Format(Version version) => $"{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)}";
}
