using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Auth;

/// <summary>
/// Lets a request through only with <c>Authorization: Bearer &lt;writer key&gt;</c>. Secure by default: with no key
/// configured every request is refused with a message naming the key to set. The comparison takes the same time
/// whatever the key sent, so timing tells an attacker nothing about how much of it was right.
/// </summary>
internal sealed class WriterKeyFilter(IOptionsMonitor<WriterKeyOptions> options) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var key = options.CurrentValue.WriterApiKey;
        if (string.IsNullOrEmpty(key))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Writes are disabled",
                detail: $"no writer key is configured: set {WriterKeyOptions.KeyName} (environment Dashboard__Auth__WriterApiKey) " +
                        "and send it as 'Authorization: Bearer <key>'");
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || !SameKey(header.AsSpan(Scheme.Length).Trim(), key))
        {
            context.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: header.Length == 0
                    ? "this endpoint needs the writer key as 'Authorization: Bearer <key>'"
                    : "the bearer token is not the writer key");
        }

        return await next(context);
    }

    // Hashing first gives both sides one length, so the fixed-time comparison does not leak the key's length either.
    private static bool SameKey(ReadOnlySpan<char> sent, string key)
    {
        Span<byte> sentHash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> keyHash = stackalloc byte[SHA256.HashSizeInBytes];
        var sentBytes = Encoding.UTF8.GetBytes(sent.ToArray());
        SHA256.HashData(sentBytes, sentHash);
        SHA256.HashData(Encoding.UTF8.GetBytes(key), keyHash);
        return CryptographicOperations.FixedTimeEquals(sentHash, keyHash);
    }
}
