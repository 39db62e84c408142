using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Api;

/// <summary>
/// <c>If-Match</c> for the write API: the request goes on only when one of the listed versions is the current one
/// (strong comparison; <c>*</c> matches anything that exists). Versions are accepted quoted, as the <c>ETag</c>
/// header gives them, or bare, as <c>GET /api/config</c>'s <c>version</c> field gives them.
/// </summary>
internal static class Preconditions
{
    /// <summary>The versions the request's <c>If-Match</c> lists, or <see langword="null"/> when it sent none.</summary>
    public static IReadOnlyList<string>? IfMatch(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        // A weak tag never matches under If-Match's strong comparison; it is kept (with its W/) so nothing equals it.
        return [.. header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(tag => tag.StartsWith("W/", StringComparison.Ordinal) ? tag : tag.Trim('"'))];
    }

    /// <summary>The 412 problem for a stale version.</summary>
    public static IResult Failed(string what, string sent, string? current) =>
        Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Stale version",
            detail: $"{what} changed since version {sent}: it is now " +
                (current is null ? "absent" : $"version {current}") + ". Read it again, redo the edit and send the new version in If-Match.");
}
