using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Server;

/// <summary>
/// An endpoint's own request body limit and the configuration key it comes from: routing applies the limit in place
/// of <c>Dashboard:Server:Limits:MaxRequestBodyBytes</c>, and the 413 answer names the key.
/// </summary>
/// <param name="MaxRequestBodySize">The most bytes the body may have.</param>
/// <param name="ConfigurationKey">Where an operator changes it.</param>
internal sealed record RequestBodyLimit(long? MaxRequestBodySize, string ConfigurationKey) : IRequestSizeLimitMetadata;

/// <summary>Puts a <see cref="RequestBodyLimit"/> on endpoints.</summary>
internal static class RequestBodyLimitExtensions
{
    /// <summary>
    /// The plugin upload's limit, <c>Dashboard:Server:Limits:MaxPluginUploadBytes</c> (64 MiB by default), read when
    /// the endpoint is built.
    /// </summary>
    public static TBuilder WithPluginUploadLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithRequestBodyLimit(limits => limits.MaxPluginUploadBytes, ServerLimitsOptions.MaxPluginUploadBytesKey);

    /// <summary>A limit of the endpoint's own from <see cref="ServerLimitsOptions"/>, named by its configuration key in the 413.</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, Func<ServerLimitsOptions, long> limit, string configurationKey)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var limits = endpoint.ApplicationServices.GetRequiredService<IOptions<ServerLimitsOptions>>().Value;
            endpoint.Metadata.Add(new RequestBodyLimit(limit(limits), configurationKey));
        });
        return builder;
    }
}
