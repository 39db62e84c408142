namespace Dashboard.Core.Export;

/// <summary>Consecutive rows of an <see cref="ExportBatch"/> that belong to one series.</summary>
/// <param name="Series">The series' index in the export.</param>
/// <param name="Start">The first row.</param>
/// <param name="Count">How many rows.</param>
internal readonly record struct SeriesRun(int Series, int Start, int Count);
