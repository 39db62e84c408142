using Microsoft.Extensions.Options;

namespace Dashboard.Host.Security;

/// <summary>Checks <c>Dashboard:Auth</c> at start and names every wrong key at once.</summary>
internal sealed class ValidateAuthOptions : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.Mode == AuthMode.OpenIdConnect)
        {
            var oidc = options.OpenIdConnect;
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out _))
            {
                errors.Add($"{AuthOptions.Section}:OpenIdConnect:Authority must be the provider's issuer URL when Mode is OpenIdConnect");
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                errors.Add($"{AuthOptions.Section}:OpenIdConnect:ClientId is required when Mode is OpenIdConnect");
            }
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"{AuthOptions.Section}:ApiKeys:{i}:Name is required");
            }

            if (key.Sha256.Length != 64 || !key.Sha256.All(Uri.IsHexDigit))
            {
                errors.Add($"{AuthOptions.Section}:ApiKeys:{i}:Sha256 must be the 64 hex digits of the key's SHA-256 (printf %s \"$KEY\" | sha256sum), not the key");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
