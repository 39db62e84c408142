namespace Dashboard.Core.RemoteWrite;

/// <summary>What became of a received request.</summary>
/// <param name="Stored">Samples stored (an identical repeat of a stored sample counts as stored).</param>
/// <param name="Refused">Samples refused.</param>
/// <param name="Error">Why, naming the first refused series, when anything was refused.</param>
public readonly record struct ReceiveResult(long Stored, long Refused, string? Error);
