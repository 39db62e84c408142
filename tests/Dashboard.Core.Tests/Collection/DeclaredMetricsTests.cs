using Dashboard.Abstractions;
using Dashboard.Core.Collection;

namespace Dashboard.Core.Tests.Collection;

/// <summary>
/// Metrics classes written with <see cref="ISampleWriter.Write{T}"/>: every supported member type, nullables, labels,
/// timestamps, inheritance, and a clear error for each way of declaring one wrongly.
/// </summary>
public sealed class DeclaredMetricsTests
{
    private static readonly DateTimeOffset CollectStart = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_supported_member_type_is_written_as_its_double_value_fields_first_then_properties()
    {
        var metrics = new AllTypes();

        var samples = WriteOnce(w => w.Write(metrics));

        Assert.Equal(
            [
                ("t_field", 11), ("t_private_field", 12), ("t_double", 1.5), ("t_float", 2.5), ("t_decimal", 3.25), ("t_long", -4), ("t_int", -5), ("t_short", -6),
                ("t_sbyte", -7), ("t_ulong", ulong.MaxValue), ("t_uint", uint.MaxValue), ("t_ushort", 9), ("t_byte", 10),
                ("t_true", 1), ("t_false", 0), ("t_duration_seconds", 90.5), ("t_private_property", 13),
            ],
            samples.Select(s => (s.Series.Metric, s.Value)));
    }

    [Fact]
    public void A_nullable_member_is_written_when_it_has_a_value_and_skipped_while_null()
    {
        var metrics = new Nullables { Bytes = 1024, Seconds = TimeSpan.FromMilliseconds(250), Up = true };

        var full = WriteOnce(w => w.Write(metrics));
        metrics.Bytes = null;
        metrics.Up = null;
        var partial = WriteOnce(w => w.Write(metrics));

        Assert.Equal([("n_size_bytes", 1024), ("n_wait_seconds", 0.25), ("n_up", 1)], full.Select(s => (s.Series.Metric, s.Value)));
        Assert.Equal([("n_wait_seconds", 0.25)], partial.Select(s => (s.Series.Metric, s.Value)));
    }

    [Fact]
    public void Kinds_labels_and_timestamps_apply_to_every_sample_of_the_object()
    {
        var writer = new InstanceSampleWriter("i1", new SeriesTable(new Dictionary<string, string> { ["env"] = "prod" }, 100));
        var queue = new QueueMetrics { Processed = 42, Depth = 3 };
        writer.Begin(CollectStart);

        writer.Write(queue, [new("queue", "orders")], CollectStart.AddSeconds(-5));
        writer.Write(queue);
        var batch = writer.Complete();

        var samples = batch.Samples.ToArray();
        batch.Release();
        Assert.Equal(4, samples.Length);
        Assert.Equal("queue_processed_total{env=\"prod\",queue=\"orders\"}", samples[0].Series.ToString());
        Assert.Equal(MetricKind.Counter, samples[0].Series.Kind);
        Assert.Equal(("queue_depth{env=\"prod\",queue=\"orders\"}", MetricKind.Gauge), (samples[1].Series.ToString(), samples[1].Series.Kind));
        Assert.All(samples[..2], s => Assert.Equal(CollectStart.AddSeconds(-5).ToUnixTimeMilliseconds(), s.TimestampMs));
        Assert.Equal(["queue_processed_total{env=\"prod\"}", "queue_depth{env=\"prod\"}"], samples[2..].Select(s => s.Series.ToString()));
        Assert.All(samples[2..], s => Assert.Equal(CollectStart.ToUnixTimeMilliseconds(), s.TimestampMs));
        Assert.Equal([42d, 3, 42, 3], samples.Select(s => s.Value));
    }

    [Fact]
    public void Base_class_members_come_first_and_the_objects_own_class_decides_not_the_static_type()
    {
        QueueMetrics metrics = new RetryingQueueMetrics { Processed = 1, Depth = 2, Retries = 3 };

        var samples = WriteOnce(w => w.Write(metrics));

        Assert.Equal(
            [("queue_processed_total", 1), ("queue_depth", 2), ("queue_retries_total", 3)],
            samples.Select(s => (s.Series.Metric, s.Value)));
    }

    [Fact]
    public void The_declarations_are_read_once_with_help_and_unit_kept()
    {
        var first = MetricClasses.For(typeof(Nullables));
        var again = MetricClasses.For(typeof(Nullables));

        Assert.Same(first, again);
        Assert.Equal(
            new DeclaredMetric("n_size_bytes", MetricKind.Gauge, "Bytes in the buffer.", "bytes", "Nullables.Bytes"),
            first.Metrics[0]);
        Assert.True(MetricClasses.Declares(typeof(RetryingQueueMetrics)));
        Assert.False(MetricClasses.Declares(typeof(NoMetrics)));
    }

    [Fact]
    public void A_steady_state_write_of_a_metrics_class_allocates_nothing()
    {
        var writer = new InstanceSampleWriter("i1", new SeriesTable(new Dictionary<string, string> { ["env"] = "x" }, 10_000));
        var metrics = new AllTypes();
        var nullables = new Nullables { Bytes = 1, Seconds = TimeSpan.FromSeconds(1), Up = false };
        writer.Begin(CollectStart);
        WriteRounds(writer, metrics, nullables);
        writer.Complete().Release();

        writer.Begin(CollectStart);
        var before = GC.GetAllocatedBytesForCurrentThread();
        WriteRounds(writer, metrics, nullables);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        writer.Complete().Release();

        // The first collect compiled the classes, interned the series and sized the pooled buffers.
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_getter_that_throws_fails_the_write_with_its_own_exception()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WriteOnce(w => w.Write(new ThrowingGetter())));

        Assert.Equal("sensor unplugged", error.Message);
    }

    [Theory]
    [InlineData(typeof(InvalidName), "InvalidName.Value: metric name 'bad-name' is invalid: it must match [a-zA-Z_:][a-zA-Z0-9_:]*")]
    [InlineData(typeof(CounterWithoutTotal), "CounterWithoutTotal.Requests: counter 'http_requests' must end in _total")]
    [InlineData(typeof(GaugeWithTotal), "GaugeWithTotal.Requests: gauge 'http_requests_total' must not end in _total (set Kind = MetricKind.Counter if it only goes up)")]
    [InlineData(typeof(UnitMissingFromName), "UnitMissingFromName.Size: metric 'cache_size' must end in _bytes (its Unit is 'bytes')")]
    [InlineData(typeof(UnitMissingFromCounterName), "UnitMissingFromCounterName.Sent: metric 'sent_total' must end in _bytes_total (its Unit is 'bytes')")]
    [InlineData(typeof(NonBaseUnit), "NonBaseUnit.Latency: unit 'milliseconds' is not a base unit; use seconds")]
    [InlineData(typeof(InvalidUnit), "InvalidUnit.Size: unit 'Bytes' is invalid: it must be lower-case letters, digits and _")]
    [InlineData(typeof(TimeSpanNotInSeconds), "TimeSpanNotInSeconds.Uptime: a TimeSpan is written in seconds, so metric 'uptime' must end in _seconds")]
    [InlineData(typeof(UnsupportedType), "UnsupportedType.Name: type String is not supported; use double, float, decimal, long, int, short, sbyte, ulong, uint, ushort, byte, bool, TimeSpan, or a nullable of one of them")]
    [InlineData(typeof(UnsupportedNullable), "UnsupportedNullable.Id: type Guid? is not supported")]
    [InlineData(typeof(DuplicateName), "DuplicateName.Second: metric 'jobs' is already declared by DuplicateName.First")]
    [InlineData(typeof(DuplicateInBase), "DuplicateInBase.Depth: metric 'queue_depth' is already declared by QueueMetrics.Depth")]
    [InlineData(typeof(StaticMember), "StaticMember.Instances: the field is static; metrics are read from the object written")]
    [InlineData(typeof(WriteOnly), "WriteOnly.Value: the property has no getter")]
    [InlineData(typeof(UndefinedKind), "UndefinedKind.Value: kind 7 is not a MetricKind")]
    [InlineData(typeof(NoMetrics), "it declares no metrics: mark its properties or fields with [Metric(\"name\")]")]
    public void A_wrongly_declared_class_fails_its_first_write_naming_the_class_and_member(Type type, string cause)
    {
        var metrics = Activator.CreateInstance(type)!;

        var error = Assert.Throws<MetricDeclarationException>(() => WriteOnce(w => w.Write(metrics)));

        Assert.StartsWith($"Metrics class {type.FullName} is declared wrongly: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(cause, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mistake_of_a_class_is_reported_at_once_and_again_at_the_next_write()
    {
        var metrics = new SeveralMistakes();

        var first = Assert.Throws<MetricDeclarationException>(() => WriteOnce(w => w.Write(metrics)));
        var second = Assert.Throws<MetricDeclarationException>(() => WriteOnce(w => w.Write(metrics)));

        Assert.Equal(
            $"Metrics class {typeof(SeveralMistakes).FullName} is declared wrongly: " +
            "SeveralMistakes.Errors: counter 'errors' must end in _total; " +
            "SeveralMistakes.Label: type String is not supported; use double, float, decimal, long, int, short, sbyte, ulong, uint, ushort, byte, bool, TimeSpan, or a nullable of one of them.",
            first.Message);
        Assert.Equal(first.Message, second.Message);
    }

    [Fact]
    public void Nothing_of_a_wrongly_declared_class_is_written()
    {
        var writer = new InstanceSampleWriter("i1", new SeriesTable(new Dictionary<string, string>(), 100));
        writer.Begin(CollectStart);

        Assert.Throws<MetricDeclarationException>(() => writer.Write(new SeveralMistakes()));
        var batch = writer.Complete();

        Assert.Equal(0, batch.Count);
        batch.Release();
    }

    private static void WriteRounds(InstanceSampleWriter writer, AllTypes metrics, Nullables nullables)
    {
        for (var round = 0; round < 10; round++)
        {
            writer.Write(metrics, [new("shard", "a")]);
            writer.Write(nullables);
        }
    }

    private static Sample[] WriteOnce(Action<InstanceSampleWriter> write)
    {
        var writer = new InstanceSampleWriter("i1", new SeriesTable(new Dictionary<string, string>(), 100));
        writer.Begin(CollectStart);
        try
        {
            write(writer);
        }
        catch
        {
            writer.Discard();
            throw;
        }

        var batch = writer.Complete();
        var samples = batch.Samples.ToArray();
        batch.Release();
        return samples;
    }

#pragma warning disable CA1812, CA1822, CA1823, CS0169, CS0414, CS0649, IDE0044, IDE0051, IDE0052 // Read by the host through reflection.
    private sealed class AllTypes
    {
        [Metric("t_field")]
        public int Field = 11;

        [Metric("t_private_field")]
        private readonly long _privateField = 12;

        [Metric("t_double")] public double Double { get; } = 1.5;
        [Metric("t_float")] public float Float { get; } = 2.5f;
        [Metric("t_decimal")] public decimal Decimal { get; } = 3.25m;
        [Metric("t_long")] public long Long { get; } = -4;
        [Metric("t_int")] public int Int { get; } = -5;
        [Metric("t_short")] public short Short { get; } = -6;
        [Metric("t_sbyte")] public sbyte SByte { get; } = -7;
        [Metric("t_ulong")] public ulong ULong { get; } = ulong.MaxValue;
        [Metric("t_uint")] public uint UInt { get; } = uint.MaxValue;
        [Metric("t_ushort")] public ushort UShort { get; } = 9;
        [Metric("t_byte")] public byte Byte { get; } = 10;
        [Metric("t_true")] public bool True { get; } = true;
        [Metric("t_false")] public bool False { get; }
        [Metric("t_duration_seconds", Unit = "seconds")] public TimeSpan Duration { get; } = TimeSpan.FromSeconds(90.5);
        [Metric("t_private_property")] private int PrivateProperty => 13;
        public int NotAMetric { get; } = 99;
    }

    private sealed class Nullables
    {
        [Metric("n_size_bytes", Unit = "bytes", Help = "Bytes in the buffer.")] public long? Bytes { get; set; }
        [Metric("n_wait_seconds", Unit = "seconds")] public TimeSpan? Seconds { get; set; }
        [Metric("n_up")] public bool? Up { get; set; }
    }

    private class QueueMetrics
    {
        [Metric("queue_processed_total", Kind = MetricKind.Counter)] public long Processed { get; set; }
        [Metric("queue_depth")] public int Depth { get; set; }
    }

    private sealed class RetryingQueueMetrics : QueueMetrics
    {
        [Metric("queue_retries_total", Kind = MetricKind.Counter)] public long Retries { get; set; }
    }

    private sealed class ThrowingGetter
    {
        [Metric("sensor_celsius")] public double Celsius => throw new InvalidOperationException("sensor unplugged");
    }

    private sealed class InvalidName { [Metric("bad-name")] public int Value { get; } }
    private sealed class CounterWithoutTotal { [Metric("http_requests", Kind = MetricKind.Counter)] public long Requests { get; } }
    private sealed class GaugeWithTotal { [Metric("http_requests_total")] public long Requests { get; } }
    private sealed class UnitMissingFromName { [Metric("cache_size", Unit = "bytes")] public long Size { get; } }
    private sealed class UnitMissingFromCounterName { [Metric("sent_total", Kind = MetricKind.Counter, Unit = "bytes")] public long Sent { get; } }
    private sealed class NonBaseUnit { [Metric("latency_milliseconds", Unit = "milliseconds")] public double Latency { get; } }
    private sealed class InvalidUnit { [Metric("cache_Bytes", Unit = "Bytes")] public long Size { get; } }
    private sealed class TimeSpanNotInSeconds { [Metric("uptime")] public TimeSpan Uptime { get; } }
    private sealed class UnsupportedType { [Metric("name")] public string Name { get; } = ""; }
    private sealed class UnsupportedNullable { [Metric("id")] public Guid? Id { get; } }
    private sealed class DuplicateName { [Metric("jobs")] public int First { get; } [Metric("jobs")] public int Second { get; } }
    private sealed class DuplicateInBase : QueueMetrics { [Metric("queue_depth")] public new int Depth { get; } }
    private sealed class StaticMember { [Metric("instances")] public static int Instances; }
    private sealed class WriteOnly { [Metric("value")] public int Value { set { } } }
    private sealed class UndefinedKind { [Metric("value", Kind = (MetricKind)7)] public int Value { get; } }
    private sealed class NoMetrics { public int Value { get; } }
    private sealed class SeveralMistakes
    {
        [Metric("errors", Kind = MetricKind.Counter)] public long Errors { get; }
        [Metric("label")] public string Label { get; } = "";
    }
#pragma warning restore CA1812, CA1822, CA1823, CS0169, CS0414, CS0649, IDE0044, IDE0051, IDE0052
}
