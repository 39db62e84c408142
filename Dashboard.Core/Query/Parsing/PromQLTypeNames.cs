namespace Dashboard.Core.Query.Parsing;

/// <summary>The names Prometheus's error messages give the types.</summary>
public static class PromQLTypeNames
{
    /// <summary>The documented name of a type: <c>scalar</c>, <c>instant vector</c>, <c>range vector</c>, <c>string</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>Its name.</returns>
    public static string Of(PromQLType type) => type switch
    {
        PromQLType.Scalar => "scalar",
        PromQLType.InstantVector => "instant vector",
        PromQLType.RangeVector => "range vector",
        _ => "string",
    };
}
