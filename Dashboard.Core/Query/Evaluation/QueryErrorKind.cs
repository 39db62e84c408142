namespace Dashboard.Core.Query.Evaluation;

/// <summary>Why a query failed, in the kinds Prometheus's API reports (<c>errorType</c>).</summary>
public enum QueryErrorKind
{
    /// <summary>The query or a parameter is wrong, or asks for what the engine does not evaluate (HTTP 400).</summary>
    BadData,

    /// <summary>Evaluation failed: matching conflicts, too many samples, a source error (HTTP 422).</summary>
    Execution,

    /// <summary>The query ran past its timeout (HTTP 503).</summary>
    Timeout,

    /// <summary>The caller went away (HTTP 503, rarely seen by anyone).</summary>
    Canceled,
}
