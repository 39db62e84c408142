namespace Dashboard.Core.Storage.Wal;

/// <summary>One sample as the WAL logs it.</summary>
/// <param name="SeriesRef">The series, as announced by <see cref="WalWriter.LogSeries"/>.</param>
/// <param name="Timestamp">Unix milliseconds.</param>
/// <param name="Value">The value; replay restores its bits exactly (NaN payloads and -0.0 included).</param>
public readonly record struct WalSample(int SeriesRef, long Timestamp, double Value);
