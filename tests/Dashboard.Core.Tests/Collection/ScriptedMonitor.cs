using System.Collections.Concurrent;
using Dashboard.Abstractions;

namespace Dashboard.Core.Tests.Collection;

/// <summary>A monitor whose collect does what the test says, and records when and how often it ran.</summary>
internal sealed class ScriptedMonitor(TimeProvider time, Func<ISampleWriter, CancellationToken, Task> collect) : IMonitor, IDisposable
{
    private int _running;
    private int _maxRunning;

    public ConcurrentQueue<DateTimeOffset> Starts { get; } = new();

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public bool Disposed { get; private set; }

    public string Name => "Scripted";

    public string ConfigSchema => """{ "type": "object" }""";

    public void Configure(MonitorSettings settings)
    {
    }

    public async ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        Starts.Enqueue(time.GetUtcNow());
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        try
        {
            await collect(writer, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public void Dispose() => Disposed = true;

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
