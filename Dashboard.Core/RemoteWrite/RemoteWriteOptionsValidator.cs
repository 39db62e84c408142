using Microsoft.Extensions.Options;

namespace Dashboard.Core.RemoteWrite;

/// <summary>Checks every remote at start and reports every problem at once, each with its configuration key.</summary>
public sealed class RemoteWriteOptionsValidator : IValidateOptions<RemoteWriteOptions>
{
    // Set by the sender itself: a header of the same name would corrupt the request or bypass the auth settings.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Content-Type", "Content-Encoding", "Content-Length", "Host", "User-Agent",
        RemoteWriteProtocol.VersionHeader,
    };

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RemoteWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.FlushTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{RemoteWriteOptions.Section}:FlushTimeout must be positive.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Remotes.Count; i++)
        {
            var remote = options.Remotes[i];
            var key = $"{RemoteWriteOptions.Section}:Remotes:{i}";
            if (string.IsNullOrWhiteSpace(remote.Name))
            {
                errors.Add($"{key}:Name is required.");
            }
            else if (!names.Add(remote.Name))
            {
                errors.Add($"{key}:Name '{remote.Name}' is used by another remote; names must be unique.");
            }

            if (remote.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{key}:Url must be an absolute http or https URL.");
            }

            if (remote.BearerToken is not null && remote.BasicAuth is not null)
            {
                errors.Add($"{key}: set BearerToken or BasicAuth, not both.");
            }

            if (remote.BasicAuth is { } basic && string.IsNullOrEmpty(basic.Username))
            {
                errors.Add($"{key}:BasicAuth:Username is required with BasicAuth.");
            }

            foreach (var header in remote.Headers.Keys.Where(ReservedHeaders.Contains))
            {
                errors.Add($"{key}:Headers:{header} is set by the sender itself; use BearerToken or BasicAuth for credentials.");
            }

            Positive(errors, $"{key}:Capacity", remote.Capacity);
            Positive(errors, $"{key}:MaxSamplesPerSend", remote.MaxSamplesPerSend);
            if (remote.Shards is < 1 or > 200)
            {
                errors.Add($"{key}:Shards must be between 1 and 200 (was {remote.Shards}).");
            }

            Positive(errors, $"{key}:RemoteTimeout", remote.RemoteTimeout);
            Positive(errors, $"{key}:BatchSendDeadline", remote.BatchSendDeadline);
            Positive(errors, $"{key}:MinBackoff", remote.MinBackoff);
            if (remote.MaxBackoff < remote.MinBackoff)
            {
                errors.Add($"{key}:MaxBackoff ({remote.MaxBackoff}) must not be below MinBackoff ({remote.MinBackoff}).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, int value)
    {
        if (value < 1)
        {
            errors.Add($"{key} must be at least 1 (was {value}).");
        }
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be positive (was {value}).");
        }
    }
}
