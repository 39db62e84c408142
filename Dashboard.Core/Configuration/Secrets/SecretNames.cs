namespace Dashboard.Core.Configuration.Secrets;

/// <summary>
/// The name rule: a config property is secret by its name alone when the name, lower-cased and without <c>_</c>,
/// <c>-</c> and <c>.</c>, ends with one of <see cref="Endings"/>. It catches schemas that forgot <c>writeOnly</c>
/// (<c>password</c>, <c>client_secret</c>, <c>access_token</c>, <c>api_key</c>, <c>X-Api-Key</c>, <c>private_key</c>,
/// <c>credentials</c>, an <c>Authorization</c> header) while a file that holds a secret (<c>password_file</c>,
/// <c>bearer_token_file</c>) stays visible: its path is not the secret.
/// </summary>
public static class SecretNames
{
    /// <summary>The endings that make a property name secret.</summary>
    public static IReadOnlyList<string> Endings { get; } =
        ["password", "passwd", "passphrase", "secret", "token", "apikey", "privatekey", "credentials", "authorization"];

    /// <summary>Whether a property of this name holds a secret whatever its schema says.</summary>
    /// <param name="name">The property name as written in the config.</param>
    /// <returns><see langword="true"/> when the name ends with one of <see cref="Endings"/>.</returns>
    public static bool IsSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<char> normalized = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (c is not ('_' or '-' or '.'))
            {
                normalized[length++] = char.ToLowerInvariant(c);
            }
        }

        var key = normalized[..length];
        foreach (var ending in Endings)
        {
            if (key.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
