using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Server;

/// <summary>
/// The data-annotation checks of an options class, each failure named by its full configuration key
/// (<c>Dashboard:Server:Limits:KeepAliveTimeout: …</c>), all of them at once, so an operator fixes every one in a go.
/// </summary>
/// <param name="section">The section of unnamed options; named ones (the rate-limit policies) add their name.</param>
internal sealed class KeyedValidation<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var prefix = string.IsNullOrEmpty(name) ? section : $"{section}:{name}";
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r => $"{prefix}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
