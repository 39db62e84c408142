namespace Dashboard.Core.Query.Parsing;

/// <summary>Prints label lists such as <c>(job, instance)</c>.</summary>
internal static class Grouping
{
    public static string Format(IReadOnlyList<string> labels) => "(" + string.Join(", ", labels) + ")";
}
