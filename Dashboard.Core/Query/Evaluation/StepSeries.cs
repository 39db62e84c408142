using Dashboard.Abstractions;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>
/// One series of an instant vector over every step of the query: its labels and, per step, whether it has a sample
/// and its value (a presence flag rather than a NaN marker, because NaN is a value PromQL passes on).
/// </summary>
internal sealed class StepSeries
{
    public StepSeries(Label[] labels, int steps)
    {
        Labels = labels;
        Values = new double[steps];
        Present = new bool[steps];
    }

    /// <summary>The labels, sorted by name.</summary>
    public Label[] Labels { get; }

    /// <summary>The value at each step (meaningless where <see cref="Present"/> is false).</summary>
    public double[] Values { get; }

    /// <summary>Whether the series has a sample at each step.</summary>
    public bool[] Present { get; }

    /// <summary>How many steps have a sample.</summary>
    public int PointCount { get; private set; }

    /// <summary>Sets the sample at a step.</summary>
    public void Set(int step, double value)
    {
        if (!Present[step])
        {
            Present[step] = true;
            PointCount++;
        }

        Values[step] = value;
    }
}
