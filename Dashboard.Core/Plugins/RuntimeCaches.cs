using System.Reflection;
using System.Reflection.Metadata;
using System.Runtime.Loader;

namespace Dashboard.Core.Plugins;

/// <summary>
/// Empties the framework's reflection caches after a plugin is unloaded. System.Text.Json (among others) caches the
/// metadata of every type it has serialized, a plugin's config class included, and evicts it only when some later,
/// unrelated serialization happens to run: in a quiet host the unloaded plugin would stay in memory. The framework's
/// assemblies declare their cache-clearing entry points for hot reload with <see cref="MetadataUpdateHandlerAttribute"/>;
/// calling their <c>ClearCache</c> is the supported way to drop what they hold.
/// </summary>
internal static class RuntimeCaches
{
    public static void Clear()
    {
        foreach (var handler in Handlers.Value)
        {
            try
            {
                handler.Invoke(null, [null]);
            }
#pragma warning disable CA1031 // A cache that cannot be cleared only delays an unload; it must not fail one.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private static readonly Lazy<IReadOnlyList<MethodInfo>> Handlers = new(() =>
        [.. AssemblyLoadContext.Default.Assemblies
            .Where(a => a.GetName().Name?.StartsWith("System.", StringComparison.Ordinal) == true)
            .SelectMany(a => a.GetCustomAttributes<MetadataUpdateHandlerAttribute>())
            .Select(attribute => attribute.HandlerType.GetMethod("ClearCache", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(Type[])]))
            .OfType<MethodInfo>()]);
}
