using System.Diagnostics;

namespace Dashboard.Bench.Harness;

/// <summary>
/// The system clock with timestamps in whole milliseconds. Handed to the scheduler, it makes every wait a whole number
/// of milliseconds, so its dispatcher never asks for a sub-millisecond <c>Task.Delay</c> (which completes at once and
/// makes it spin): an experiment to measure the scheduler's cost without the spin. Lateness measured on this clock is
/// quantised to 1 ms and is not comparable.
/// </summary>
internal sealed class MillisecondClock : TimeProvider
{
    public override long TimestampFrequency => 1000;

    public override long GetTimestamp() => Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1000);
}
