namespace Dashboard.Core.Query.Evaluation;

/// <summary>What an expression evaluates to over the query's steps.</summary>
internal abstract class EvaluatedValue;

/// <summary>A scalar: one value per step.</summary>
internal sealed class ScalarSteps(double[] values) : EvaluatedValue
{
    public double[] Values { get; } = values;
}

/// <summary>An instant vector: series with a sample at some of the steps.</summary>
internal sealed class VectorSteps(List<StepSeries> series) : EvaluatedValue
{
    public List<StepSeries> Series { get; } = series;
}

/// <summary>A string literal.</summary>
internal sealed class StringConstant(string value) : EvaluatedValue
{
    public string Value { get; } = value;
}
