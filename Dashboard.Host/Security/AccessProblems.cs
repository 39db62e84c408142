using Dashboard.Core.Audit;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Security;

/// <summary>The 401 and 403 answers API clients get, as problem+json that says what to send or which role is missing.</summary>
internal static class AccessProblems
{
    public static Task WriteUnauthorizedAsync(HttpContext context, string? failure)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: failure ?? "this endpoint needs credentials: an API key as 'Authorization: Bearer <key>', or a signed-in browser session")
            .ExecuteAsync(context);
    }

    public static Task WriteForbiddenAsync(HttpContext context)
    {
        var needed = context.GetEndpoint()?.Metadata.GetMetadata<EndpointRole>()?.Role ?? DashboardRole.Admin;
        var has = context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "none";
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"this endpoint needs the {DashboardPolicies.ClaimValue(needed)} role; {AuditActor.Of(context.User)} has {has}")
            .ExecuteAsync(context);
    }
}
