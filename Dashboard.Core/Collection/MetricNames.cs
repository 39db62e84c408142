using Dashboard.Abstractions;

namespace Dashboard.Core.Collection;

/// <summary>Prometheus's rules for metric and label names, checked once per new series.</summary>
public static class MetricNames
{
    /// <summary>Checks a metric name and its label names.</summary>
    /// <param name="metric">The metric name.</param>
    /// <param name="labels">The labels.</param>
    /// <returns><see langword="null"/> when valid, else why not.</returns>
    public static string? Validate(string metric, ReadOnlySpan<Label> labels)
    {
        if (!IsValidMetricName(metric))
        {
            return $"metric name '{metric}' is invalid: it must match [a-zA-Z_:][a-zA-Z0-9_:]*";
        }

        for (var i = 0; i < labels.Length; i++)
        {
            var name = labels[i].Name;
            if (!IsValidLabelName(name) || name.StartsWith("__", StringComparison.Ordinal))
            {
                return $"label name '{name}' of metric '{metric}' is invalid: it must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __";
            }

            if (labels[i].Value is null)
            {
                return $"label '{name}' of metric '{metric}' has a null value";
            }

            for (var j = 0; j < i; j++)
            {
                if (labels[j].Name == name)
                {
                    return $"label '{name}' appears twice on metric '{metric}'";
                }
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="name"/> is a valid metric name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidMetricName(string? name) => IsValid(name, allowColon: true);

    /// <summary>Whether <paramref name="name"/> is a valid label name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidLabelName(string? name) => IsValid(name, allowColon: false);

    private static bool IsValid(string? name, bool allowColon)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':')))
            {
                return false;
            }
        }

        return true;
    }
}
