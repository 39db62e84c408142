using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Security;

/// <summary>
/// The token of the <see cref="AuthMode.BrowserToken"/> login URL. A generated token works once: using it makes and
/// prints the next, so the console always shows a login URL that works and a used one (in a shell history, a proxy
/// log) opens nothing. A configured token (<see cref="AuthOptions.BrowserToken"/>) is fixed and reusable.
/// </summary>
internal sealed class BrowserTokens(IOptions<AuthOptions> options)
{
    private readonly Lock _gate = new();
    private string _current = NewToken();

    /// <summary>Raised with the next token after the current one was used.</summary>
    public event Action<string>? Renewed;

    /// <summary>The token to print now.</summary>
    public string Current => options.Value.BrowserToken is { Length: > 0 } fixedToken ? fixedToken : _current;

    /// <summary>Whether <paramref name="presented"/> is the token, using it up when it is a one-time one.</summary>
    public bool TryUse(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        if (options.Value.BrowserToken is { Length: > 0 } fixedToken)
        {
            return Same(presented, fixedToken);
        }

        string next;
        lock (_gate)
        {
            if (!Same(presented, _current))
            {
                return false;
            }

            next = _current = NewToken();
        }

        Renewed?.Invoke(next);
        return true;
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private static bool Same(string presented, string token) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
