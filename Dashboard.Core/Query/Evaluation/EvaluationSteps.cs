namespace Dashboard.Core.Query.Evaluation;

/// <summary>The evaluation times of a query: <c>start</c>, <c>start + step</c>, … up to <c>end</c> (an instant query has one).</summary>
internal readonly record struct EvaluationSteps
{
    public EvaluationSteps(long startMs, long endMs, long stepMs)
    {
        StartMs = startMs;
        EndMs = endMs;
        StepMs = stepMs;
        Count = stepMs <= 0 ? 1 : checked((int)((endMs - startMs) / stepMs) + 1);
    }

    /// <summary>The first step, Unix ms.</summary>
    public long StartMs { get; }

    /// <summary>The query's end, Unix ms (the last step is at or before it).</summary>
    public long EndMs { get; }

    /// <summary>The step width, ms (0 for an instant query).</summary>
    public long StepMs { get; }

    /// <summary>How many steps.</summary>
    public int Count { get; }

    /// <summary>The time of a step, Unix ms.</summary>
    public long At(int step) => StartMs + (step * StepMs);
}
