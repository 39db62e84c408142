using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Host.Security;

/// <summary>
/// The one convention by which every route declares who may call it: <see cref="RequireRole{TBuilder}"/> or
/// <see cref="AllowPublic{TBuilder}"/>. A route that declares neither still falls under the admin-only fallback policy,
/// and the route-table test fails on it, so forgetting is caught before it ships and is safe if it ships anyway.
/// </summary>
public static class EndpointAccess
{
    /// <summary>Lets only callers with <paramref name="role"/> (or admin) through: 401 without credentials, 403 with a lower role.</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="role">The least role that may call it.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, DashboardRole role)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(DashboardPolicies.For(role)).WithMetadata(new EndpointRole(role));
    }

    /// <summary>Lets anyone through, authenticated or not: health probes, the login page, static assets.</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <returns>The builder.</returns>
    public static TBuilder AllowPublic<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AllowAnonymous().WithMetadata(new EndpointRole(null));
    }
}

/// <summary>The access a route declared: a role, or <see langword="null"/> for public.</summary>
/// <param name="Role">The least role, or <see langword="null"/> when anyone may call it.</param>
public sealed record EndpointRole(DashboardRole? Role);
