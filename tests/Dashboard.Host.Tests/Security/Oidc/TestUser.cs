using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Dashboard.Host.Tests.Security.Oidc;

/// <summary>
/// A user of the test identity provider and the shape in which the provider sends their role claim: the same values
/// reach the dashboard as one string, a JSON array, several claims, a JSON array written as a string, or only through
/// the user-info endpoint, as different real providers send them.
/// </summary>
/// <param name="Name">The <c>preferred_username</c> (also the subject).</param>
/// <param name="IdTokenClaims">The role claims put in the ID token.</param>
/// <param name="UserInfoRoles">The role claim's value in the user-info answer (a string or an array), or <see langword="null"/>.</param>
internal sealed record TestUser(string Name, IReadOnlyList<Claim> IdTokenClaims, object? UserInfoRoles)
{
    /// <summary>The claim the tests' dashboard reads roles from (as Entra ID and Keycloak send groups).</summary>
    public const string RoleClaim = "groups";

    public const string AdminGroup = "dashboard-admins";

    public const string ViewerGroup = "dashboard-viewers";

    /// <summary><c>"groups": "dashboard-admins"</c>.</summary>
    public static TestUser WithString(string name, string value) => new(name, [new Claim(RoleClaim, value)], value);

    /// <summary><c>"groups": ["a", "b"]</c>, from one claim whose value is a JSON array.</summary>
    public static TestUser WithJsonArray(string name, params string[] values) =>
        new(name, [new Claim(RoleClaim, JsonSerializer.Serialize(values), JsonClaimValueTypes.JsonArray)], values);

    /// <summary>One claim per value (the provider merges them into an array on the wire, as a multi-valued attribute).</summary>
    public static TestUser WithSeveralClaims(string name, params string[] values) =>
        new(name, [.. values.Select(v => new Claim(RoleClaim, v))], values);

    /// <summary><c>"groups": "[\"a\"]"</c>: a JSON array the provider serialised into a string.</summary>
    public static TestUser WithArrayInString(string name, params string[] values)
    {
        var text = JsonSerializer.Serialize(values);
        return new(name, [new Claim(RoleClaim, text)], text);
    }

    /// <summary>The roles only in the user-info answer, not in the ID token (providers that keep tokens small).</summary>
    public static TestUser WithRolesOnlyInUserInfo(string name, params string[] values) => new(name, [], values);

    /// <summary>No role claim at all.</summary>
    public static TestUser WithoutRole(string name) => new(name, [], null);
}
