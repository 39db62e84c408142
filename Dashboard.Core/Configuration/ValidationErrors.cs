using System.Globalization;
using NJsonSchema;
using NJsonSchema.Validation;
using SchemaError = NJsonSchema.Validation.ValidationError;

namespace Dashboard.Core.Configuration;

/// <summary>
/// Turns NJsonSchema's error tree into a flat list, one entry per value at fault, with a path rooted where the caller
/// says (<c>config.urls[0].url</c>) and a message that says what was expected.
/// </summary>
public static class ValidationErrors
{
    /// <summary>Flattens NJsonSchema errors.</summary>
    /// <param name="errors">The validator's errors.</param>
    /// <param name="root">The path of the validated value, e.g. <c>config</c>.</param>
    /// <returns>One error per value at fault.</returns>
    public static IReadOnlyList<ValidationError> Flatten(IEnumerable<SchemaError> errors, string root)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var flat = new List<ValidationError>();
        foreach (var error in errors)
        {
            Add(error, root, flat);
        }

        return flat;
    }

    private static void Add(SchemaError error, string root, List<ValidationError> flat)
    {
        if (error is ChildSchemaValidationError child
            && error.Kind is ValidationErrorKind.ArrayItemNotValid
                or ValidationErrorKind.AdditionalPropertiesNotValid or ValidationErrorKind.AdditionalItemNotValid)
        {
            foreach (var nested in child.Errors.Values.SelectMany(e => e))
            {
                Add(nested, root, flat);
            }

            return;
        }

        var message = Describe(error);
        if (error is ChildSchemaValidationError alternatives)
        {
            var options = alternatives.Errors.Values
                .Select(list => string.Join(" and ", list.Select(Describe)))
                .Where(text => text.Length > 0)
                .Distinct();
            message += ": " + string.Join("; or ", options);
        }

        flat.Add(new ValidationError(PathOf(error, root), message));
    }

    private static string PathOf(SchemaError error, string root)
    {
        var path = error.Path ?? "#";
        path = path.StartsWith('#') ? path[1..].TrimStart('/') : path;
        return path.Length == 0 ? root
            : path.StartsWith('[') ? root + path
            : root + "." + path;
    }

    private static string Describe(SchemaError error)
    {
        var schema = error.Schema;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => "is required",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not a known property (the schema allows no others)",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.NumberExpected => "must be a number",
            ValidationErrorKind.IntegerExpected => "must be an integer",
            ValidationErrorKind.BooleanExpected => "must be true or false",
            ValidationErrorKind.ObjectExpected => "must be an object",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.NullExpected => "must be null",
            ValidationErrorKind.NumberTooSmall => $"must be {(schema?.IsExclusiveMinimum == true || schema?.ExclusiveMinimum is not null ? ">" : ">=")} {Number(schema?.ExclusiveMinimum ?? schema?.Minimum)}",
            ValidationErrorKind.NumberTooBig => $"must be {(schema?.IsExclusiveMaximum == true || schema?.ExclusiveMaximum is not null ? "<" : "<=")} {Number(schema?.ExclusiveMaximum ?? schema?.Maximum)}",
            ValidationErrorKind.StringTooShort => $"must be at least {schema?.MinLength} characters long",
            ValidationErrorKind.StringTooLong => $"must be at most {schema?.MaxLength} characters long",
            ValidationErrorKind.PatternMismatch => $"must match the pattern {schema?.Pattern}",
            ValidationErrorKind.NotInEnumeration => "must be one of " + string.Join(", ", schema?.Enumeration.Select(v => v?.ToString() ?? "null") ?? []),
            ValidationErrorKind.TooFewItems => $"must have at least {schema?.MinItems} items",
            ValidationErrorKind.TooManyItems => $"must have at most {schema?.MaxItems} items",
            ValidationErrorKind.ItemsNotUnique => "must not repeat items",
            ValidationErrorKind.NotOneOf => "must match exactly one of the allowed forms",
            ValidationErrorKind.NotAnyOf => "must match at least one of the allowed forms",
            ValidationErrorKind.NotAllOf => "must match all of the required forms",
            ValidationErrorKind.ExcludedSchemaValidates => "must not match the excluded form",
            _ => Words(error.Kind.ToString()),
        };
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "the limit";

    // "UriExpected" -> "uri expected": a readable fallback for kinds without a message of their own.
    private static string Words(string kind) =>
        string.Concat(kind.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
