namespace Dashboard.Core.Query.Evaluation;

/// <summary>A series source could not answer a selection; the query fails with its message (an execution error).</summary>
/// <param name="message">What went wrong, naming the source.</param>
/// <param name="inner">The cause, if any.</param>
public sealed class QuerySourceException(string message, Exception? inner = null) : Exception(message, inner);
