namespace Dashboard.Core.Query.Parsing;

/// <summary>What an <c>@</c> modifier pins the evaluation time to.</summary>
public enum AtKind
{
    /// <summary>A Unix time given in the query.</summary>
    Timestamp,

    /// <summary><c>start()</c>: the start of the range query (the evaluation time of an instant query).</summary>
    Start,

    /// <summary><c>end()</c>: the end of the range query (the evaluation time of an instant query).</summary>
    End,
}
