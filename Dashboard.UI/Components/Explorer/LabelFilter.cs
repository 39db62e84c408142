namespace Dashboard.UI.Components.Explorer;

/// <summary>One label filter of the metric builder: <c>name op "value"</c>.</summary>
public sealed class LabelFilter
{
    /// <summary>The operators PromQL matches labels with.</summary>
    public static IReadOnlyList<string> Operators { get; } = ["=", "!=", "=~", "!~"];

    /// <summary>The label name.</summary>
    public string? Name { get; set; }

    /// <summary>One of <see cref="Operators"/>.</summary>
    public string Operator { get; set; } = "=";

    /// <summary>The value, or the regular expression for <c>=~</c> and <c>!~</c>.</summary>
    public string? Value { get; set; }

    /// <summary>Whether the filter says something (a name is chosen).</summary>
    public bool IsSet => !string.IsNullOrWhiteSpace(Name);
}
