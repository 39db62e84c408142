using System.Text.RegularExpressions;

namespace Dashboard.Core.Query.Functions;

/// <summary>A <c>label_replace</c> regex compiled for .NET, with the Go group number of each named group.</summary>
/// <param name="Regex">The anchored regex, its named groups made plain.</param>
/// <param name="Names">Each group name and its number as Go counts it.</param>
public sealed record LabelRegex(Regex Regex, IReadOnlyDictionary<string, int> Names);
