using Microsoft.Extensions.Options;

namespace Dashboard.Core.Query.Remote;

/// <summary>Checks the remote source's settings at start and reports every problem at once, each with its key.</summary>
public sealed class PrometheusRemoteSourceOptionsValidator : IValidateOptions<PrometheusRemoteSourceOptions>
{
    // Set by the source itself: a header of the same name would corrupt the request or bypass the auth settings.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Content-Type", "Content-Encoding", "Content-Length", "Host", "User-Agent", "Accept",
    };

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PrometheusRemoteSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Key = PrometheusRemoteSourceOptions.Section;
        var errors = new List<string>();

        // The URL itself is never echoed: it may carry a password in its user info.
        if (options.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Key}:Url must be an absolute http or https URL, the base of the Prometheus API (e.g. http://prometheus:9090).");
        }
        else
        {
            if (url.UserInfo.Length > 0)
            {
                errors.Add($"{Key}:Url must not carry credentials; use {Key}:BearerToken or {Key}:BasicAuth.");
            }

            if (url.Query.Length > 0 || url.Fragment.Length > 0)
            {
                errors.Add($"{Key}:Url must not have a query or fragment: it is the base the API paths are appended to.");
            }
        }

        if (options.BearerToken is not null && options.BasicAuth is not null)
        {
            errors.Add($"{Key}: set BearerToken or BasicAuth, not both.");
        }

        if (options.BasicAuth is { } basic && string.IsNullOrEmpty(basic.Username))
        {
            errors.Add($"{Key}:BasicAuth:Username is required with BasicAuth.");
        }

        foreach (var header in options.Headers.Keys.Where(ReservedHeaders.Contains))
        {
            errors.Add($"{Key}:Headers:{header} is set by the source itself; use BearerToken or BasicAuth for credentials.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{Key}:Timeout must be positive (was {options.Timeout}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
