namespace Dashboard.Abstractions;

/// <summary>One label of a sample: a name (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>) and a value.</summary>
/// <param name="Name">The label name.</param>
/// <param name="Value">The label value.</param>
public readonly record struct Label(string Name, string Value);
