namespace Dashboard.Core.Query.Parsing;

/// <summary>A PromQL function's signature.</summary>
/// <param name="Name">The name, case-sensitive.</param>
/// <param name="ArgTypes">The argument types in order.</param>
/// <param name="Variadic">
/// As Prometheus: 0 when exactly <see cref="ArgTypes"/> are taken; n &gt; 0 when the last n may be left out;
/// -1 when the last may be repeated any number of times (and left out).
/// </param>
/// <param name="ReturnType">The result type.</param>
/// <param name="Evaluated">Whether our evaluator computes it; the others parse and are refused at evaluation with a clear error.</param>
public sealed record PromQLFunction(string Name, IReadOnlyList<PromQLType> ArgTypes, int Variadic, PromQLType ReturnType, bool Evaluated);
