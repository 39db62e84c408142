namespace Dashboard.Core.Query.Parsing;

/// <summary>The type an expression evaluates to, as Prometheus types them at parse time.</summary>
public enum PromQLType
{
    /// <summary>One number.</summary>
    Scalar,

    /// <summary>One sample per series at the evaluation time.</summary>
    InstantVector,

    /// <summary>A window of samples per series.</summary>
    RangeVector,

    /// <summary>A string literal.</summary>
    StringValue,
}
