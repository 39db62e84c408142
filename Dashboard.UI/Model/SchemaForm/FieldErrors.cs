using Dashboard.Core.Configuration;

namespace Dashboard.UI.Model.SchemaForm;

/// <summary>
/// The server validator's errors, by the path of the field they belong to (<c>config.targets[1].url</c>), for the form
/// to show on each field; the whole list stays for the summary, including errors no field shows.
/// </summary>
public sealed class FieldErrors
{
    private readonly ILookup<string, string> _byPath;

    /// <summary>Creates the lookup.</summary>
    /// <param name="errors">The errors, with paths relative to the instance entry.</param>
    public FieldErrors(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        All = errors;
        _byPath = errors.ToLookup(e => e.Path, e => e.Message, StringComparer.Ordinal);
    }

    /// <summary>No errors.</summary>
    public static FieldErrors None { get; } = new([]);

    /// <summary>Every error, in the validator's order.</summary>
    public IReadOnlyList<ValidationError> All { get; }

    /// <summary>The messages of the field at <paramref name="path"/>, joined, or <see langword="null"/> when it has none.</summary>
    /// <param name="path">The field's path.</param>
    /// <returns>The text to show under the field.</returns>
    public string? For(string path) => _byPath[path] is var messages && messages.Any() ? string.Join("; ", messages) : null;
}
