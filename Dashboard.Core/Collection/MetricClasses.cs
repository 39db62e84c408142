using System.Reflection;
using System.Runtime.CompilerServices;
using Dashboard.Abstractions;

namespace Dashboard.Core.Collection;

/// <summary>
/// The compiled metrics classes of every plugin, built once per class on first use. Keyed weakly by the class: an
/// entry lives only as long as its type, so it never keeps an unloaded plugin's collectible load context alive.
/// </summary>
public static class MetricClasses
{
    private const BindingFlags AllMembers = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public |
        BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly ConditionalWeakTable<Type, MetricClass> Compiled = new();

    /// <summary>The compiled form of <paramref name="type"/>, built the first time it is asked for.</summary>
    /// <param name="type">A class with members marked <see cref="MetricAttribute"/>.</param>
    /// <returns>The compiled class.</returns>
    /// <exception cref="MetricDeclarationException">The class's declarations break the rules; not cached, so every
    /// use reports it again.</exception>
    public static MetricClass For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Compiled.TryGetValue(type, out var found) ? found : Compiled.GetValue(type, MetricClassCompiler.Compile);
    }

    /// <summary>Whether <paramref name="type"/> (or a base class) marks any member with <see cref="MetricAttribute"/>.</summary>
    /// <param name="type">Any type.</param>
    /// <returns>Whether it declares metrics.</returns>
    public static bool Declares(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var member in current.GetMembers(AllMembers))
            {
                if (member.MemberType is MemberTypes.Property or MemberTypes.Field && member.IsDefined(typeof(MetricAttribute), inherit: false))
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal static bool IsCompiled(Type type) => Compiled.TryGetValue(type, out _);

    /// <summary>The declared members of one class in the hierarchy of a metrics class, base classes first.</summary>
    internal static IEnumerable<(MemberInfo Member, MetricAttribute Attribute)> DeclaredMembers(Type type)
    {
        var hierarchy = new Stack<Type>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            hierarchy.Push(current);
        }

        foreach (var declaring in hierarchy)
        {
            foreach (var member in declaring.GetMembers(AllMembers).OrderBy(m => m.MetadataToken))
            {
                if (member.MemberType is MemberTypes.Property or MemberTypes.Field
                    && member.GetCustomAttribute<MetricAttribute>(inherit: false) is { } attribute)
                {
                    yield return (member, attribute);
                }
            }
        }
    }
}
