using System.Diagnostics;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Parsing;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>
/// Answers PromQL instant and range queries (the subset docs/query.md lists) from a series source, with
/// Prometheus 2.42's semantics, limits and error wording. Thread-safe; each query gets its own evaluator.
/// </summary>
/// <param name="source">Where raw samples come from: the embedded store or a remote Prometheus.</param>
/// <param name="options">Lookback, limits, default timeout.</param>
/// <param name="metrics">Where query counts and durations go.</param>
public sealed class QueryEngine(ISeriesSource source, QueryOptions options, QueryMetrics metrics) : IDisposable
{
    private readonly ParsedQueries _parsed = new(options.ParsedQueryCacheSize);

    /// <summary>The engine's options.</summary>
    public QueryOptions Options => options;

    /// <summary>Evaluates a query at one time.</summary>
    /// <param name="query">The PromQL text.</param>
    /// <param name="timeMs">The evaluation time, Unix ms.</param>
    /// <param name="timeout">The query's own timeout, if shorter than the configured one.</param>
    /// <param name="cancellationToken">The caller leaving.</param>
    /// <returns>A scalar, string, vector or (for a range selector) matrix.</returns>
    /// <exception cref="QueryException">A parse error, a refused construct, a limit, a timeout, an evaluation error.</exception>
    public Task<QueryResult> InstantAsync(string query, long timeMs, TimeSpan? timeout, CancellationToken cancellationToken) =>
        RunAsync("instant", query, new EvaluationSteps(timeMs, timeMs, 0), timeout, cancellationToken);

    /// <summary>Evaluates a query at every step from start to end.</summary>
    /// <param name="query">The PromQL text (a scalar or instant-vector expression).</param>
    /// <param name="startMs">The first step, Unix ms.</param>
    /// <param name="endMs">The end, Unix ms (the last step is at or before it).</param>
    /// <param name="stepMs">The step width, ms.</param>
    /// <param name="timeout">The query's own timeout, if shorter than the configured one.</param>
    /// <param name="cancellationToken">The caller leaving.</param>
    /// <returns>A matrix, series ordered by labels.</returns>
    /// <exception cref="QueryException">A parameter, parse error, refused construct, limit, timeout or evaluation error.</exception>
    public Task<QueryResult> RangeAsync(string query, long startMs, long endMs, long stepMs, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        if (endMs < startMs)
        {
            throw new QueryException(QueryErrorKind.BadData, "end timestamp must not be before start time") { Parameter = "end" };
        }

        if (stepMs <= 0)
        {
            throw new QueryException(QueryErrorKind.BadData, "zero or negative query resolution step widths are not accepted. Try a positive integer")
            {
                Parameter = "step",
            };
        }

        if ((endMs - startMs) / stepMs > options.MaxPointsPerSeries)
        {
            throw new QueryException(QueryErrorKind.BadData,
                $"exceeded maximum resolution of {options.MaxPointsPerSeries:N0} points per timeseries. Try decreasing the query resolution (?step=XX)");
        }

        return RunAsync("range", query, new EvaluationSteps(startMs, endMs, stepMs), timeout, cancellationToken);
    }

    private async Task<QueryResult> RunAsync(string kind, string query, EvaluationSteps steps, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var limit = timeout is { } asked && asked < options.Timeout ? asked : options.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit > TimeSpan.Zero)
        {
            deadline.CancelAfter(limit);
        }
        else
        {
            // A timeout of zero has expired already (Prometheus answers it with a timeout too).
            await deadline.CancelAsync().ConfigureAwait(false);
        }
        try
        {
            var expr = _parsed.Get(query);
            var isRange = steps.StepMs > 0;
            if (isRange && expr.Type is not (PromQLType.Scalar or PromQLType.InstantVector))
            {
                throw new QueryException(QueryErrorKind.BadData,
                    $"invalid expression type \"{PromQLTypeNames.Of(expr.Type)}\" for range query, must be Scalar or instant Vector");
            }

            var lookbackMs = (long)options.LookbackDelta.TotalMilliseconds;
            var selected = await SelectAsync(SelectionPlan.Of(expr, steps, lookbackMs), deadline.Token).ConfigureAwait(false);
            var evaluator = new Evaluator(steps, selected, options, deadline.Token);
            var result = isRange ? RangeResult(evaluator, expr) : InstantResult(evaluator, expr);
            metrics.Completed(kind, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var error = cancellationToken.IsCancellationRequested
                ? new QueryException(QueryErrorKind.Canceled, "query was canceled in expression evaluation")
                : new QueryException(QueryErrorKind.Timeout, "query timed out in expression evaluation");
            metrics.Failed(kind, error.Kind);
            throw error;
        }
        catch (QueryException ex)
        {
            metrics.Failed(kind, ex.Kind);
            throw;
        }
        catch (QuerySourceException ex)
        {
            metrics.Failed(kind, QueryErrorKind.Execution);
            throw new QueryException(QueryErrorKind.Execution, ex.Message, ex);
        }
    }

    // Every selector's series, read concurrently (a remote source answers each over HTTP).
    private async Task<Dictionary<VectorSelector, IReadOnlyList<ISourceSeries>>> SelectAsync(
        List<(VectorSelector Selector, long MinMs, long MaxMs)> plan, CancellationToken cancellationToken)
    {
        var reads = plan.Select(p => source.SelectAsync(p.Selector.Matchers, p.MinMs, p.MaxMs, cancellationToken)).ToArray();
        var answers = await Task.WhenAll(reads).ConfigureAwait(false);
        var selected = new Dictionary<VectorSelector, IReadOnlyList<ISourceSeries>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < plan.Count; i++)
        {
            selected[plan[i].Selector] = answers[i];
        }

        return selected;
    }

    private static QueryResult InstantResult(Evaluator evaluator, Expr expr)
    {
        var time = evaluator.Steps.StartMs;
        var top = expr is ParenExpr paren ? Unwrapped(paren) : expr;
        if (top is MatrixSelector matrix)
        {
            return MatrixResult.Build(evaluator.RangeSelection(matrix));
        }

        return evaluator.Evaluate(expr) switch
        {
            ScalarSteps scalar => new ScalarResult(time, scalar.Values[0]),
            StringConstant text => new StringResult(time, text.Value),
            VectorSteps vector => new VectorResult(time, [.. vector.Series.Where(s => s.Present[0]).Select(s => new VectorSample(s.Labels, s.Values[0]))]),
            _ => throw QueryException.Unsupported($"the expression {expr}"),
        };
    }

    private static Expr Unwrapped(ParenExpr paren) => paren.Inner is ParenExpr inner ? Unwrapped(inner) : paren.Inner;

    private static MatrixResult RangeResult(Evaluator evaluator, Expr expr)
    {
        var steps = evaluator.Steps;
        var series = evaluator.Evaluate(expr) switch
        {
            ScalarSteps scalar => [Points(LabelSets.Empty, scalar.Values, present: null, steps)],
            VectorSteps vector => vector.Series
                .OrderBy(s => s.Labels, LabelSetComparer.Instance)
                .Select(s => Points(s.Labels, s.Values, s.Present, steps))
                .ToList(),
            _ => throw QueryException.Unsupported($"the expression {expr}"),
        };
        return MatrixResult.Build(series);
    }

    // A series' points at the steps where it has a value (every step for a scalar).
    private static (Label[] Labels, long[] Timestamps, double[] Values) Points(Label[] labels, double[] values, bool[]? present,
        EvaluationSteps steps)
    {
        var count = present is null ? values.Length : present.Count(p => p);
        var (times, kept) = (new long[count], new double[count]);
        for (int s = 0, n = 0; s < values.Length; s++)
        {
            if (present is null || present[s])
            {
                times[n] = steps.At(s);
                kept[n++] = values[s];
            }
        }

        return (labels, times, kept);
    }

    /// <inheritdoc />
    public void Dispose() => _parsed.Dispose();
}
