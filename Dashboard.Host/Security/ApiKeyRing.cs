using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Host.Security;

/// <summary>
/// The API keys the host accepts, held only as SHA-256 hashes. A presented key is hashed and looked up: the table never
/// holds a key, and the look-up's timing can only tell an attacker about a hash, not about the key.
/// </summary>
internal sealed class ApiKeyRing
{
    private readonly FrozenDictionary<string, (string Name, DashboardRole Role)> _byHash;

    public ApiKeyRing(AuthOptions options, string? generatedAdminKeyHash)
    {
        var keys = new Dictionary<string, (string, DashboardRole)>(StringComparer.Ordinal);
        void Add(string hash, string name, DashboardRole role)
        {
            if (!keys.TryAdd(hash.ToLowerInvariant(), (name, role)))
            {
                throw new InvalidOperationException(
                    $"{AuthOptions.Section}: the key of '{name}' is also configured under another name; give each key its own value");
            }
        }

        if (!string.IsNullOrEmpty(options.AdminApiKey))
        {
            Add(Hash(options.AdminApiKey), "admin", DashboardRole.Admin);
        }

        if (!string.IsNullOrEmpty(options.WriterApiKey))
        {
            Add(Hash(options.WriterApiKey), "writer", DashboardRole.Writer);
        }

        foreach (var entry in options.ApiKeys)
        {
            Add(entry.Sha256, entry.Name, entry.Role);
        }

        if (generatedAdminKeyHash is not null)
        {
            Add(generatedAdminKeyHash, "generated-admin", DashboardRole.Admin);
        }

        _byHash = keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>How many keys are accepted.</summary>
    public int Count => _byHash.Count;

    /// <summary>Whether any key grants admin (else one is generated at first start).</summary>
    public static bool HasAdminKey(AuthOptions options) =>
        !string.IsNullOrEmpty(options.AdminApiKey) || options.ApiKeys.Any(k => k.Role == DashboardRole.Admin);

    /// <summary>The name and role of a presented key, or <see langword="null"/> when no key matches.</summary>
    public (string Name, DashboardRole Role)? Find(ReadOnlySpan<char> presented) =>
        presented.IsEmpty ? null : _byHash.TryGetValue(Hash(presented), out var key) ? key : null;

    /// <summary>The SHA-256 of a key as lower-case hex, the form <c>ApiKeys:n:Sha256</c> takes.</summary>
    public static string Hash(ReadOnlySpan<char> key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(key.ToArray());
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }
}
