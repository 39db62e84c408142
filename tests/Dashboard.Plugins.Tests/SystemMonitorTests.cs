using System.Globalization;
using Dashboard.Abstractions;
using Dashboard.Tests;

namespace Dashboard.Plugins.Tests;

public sealed class SystemMonitorTests : IAsyncLifetime, IDisposable
{
    private const string Stat = """
        cpu  300 20 100 5000 50 0 10 0 7 3
        cpu0 150 10 50 2500 25 0 5 0 7 3
        cpu1 150 10 50 2500 25 0 5 0 0 0
        intr 123456 1 2 3 4 5
        ctxt 987654
        btime 1700000000
        """;

    private const string MemInfo = """
        MemTotal:       16384000 kB
        MemFree:         1024000 kB
        MemAvailable:    8192000 kB
        Buffers:          204800 kB
        Cached:          4096000 kB
        SwapCached:            0 kB
        Active:          6000000 kB
        SwapTotal:       2097148 kB
        SwapFree:        2097000 kB
        HugePages_Total:       0
        """;

    private const string LoadAvg = "0.52 1.25 2.00 3/456 7890\n";

    private const string DiskStats = """
           8       0 sda 1000 10 20000 300 2000 20 40000 600 0 700 900 0 0 0 0
           8       1 sda1 900 9 18000 270 1800 18 36000 540 0 630 810 0 0 0 0
           7       0 loop0 50 0 400 5 0 0 0 0 0 5 5 0 0 0 0
         259       0 nvme0n1 11 0 88 1 22 0 176 2 0 3 3 0 0 0 0
         259       1 nvme0n1p1 10 0 80 1 20 0 160 2 0 3 3 0 0 0 0
        """;

    // eth0's first column is wide enough to touch the colon, as the kernel prints it.
    private const string NetDev = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:  123456     100    0    0    0     0          0         0   123456     100    0    0    0     0       0          0
          eth0:4294967296   2000    3    4    0     0          0         0   654321    1500    5    6    0     0       0          0
        """;

    private readonly TempFolder _proc = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private PluginHarness _plugin = null!;

    public async Task InitializeAsync() => _plugin = await PluginHarness.LoadAsync("System", _timeout.Token);

    public Task DisposeAsync() => _plugin.DisposeAsync().AsTask();

    public void Dispose()
    {
        _proc.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Cpu_seconds_per_mode_are_the_stat_ticks_at_100_per_second_for_each_cpu()
    {
        WriteProc("stat", Stat);
        var monitor = Configure("cpu");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(
            [("user", 1.5), ("nice", 0.1), ("system", 0.5), ("idle", 25.0), ("iowait", 0.25), ("irq", 0.0), ("softirq", 0.05), ("steal", 0.0)],
            new[] { "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal" }
                .Select(mode => (mode, samples.Value("system_cpu_seconds_total", ("cpu", "0"), ("mode", mode)))));
        Assert.Equal(0.07, samples.Value("system_cpu_guest_seconds_total", ("cpu", "0"), ("mode", "user")));
        Assert.Equal(0.03, samples.Value("system_cpu_guest_seconds_total", ("cpu", "0"), ("mode", "nice")));
        Assert.All(samples.Of("system_cpu_seconds_total"), s => Assert.Equal(MetricKind.Counter, s.Series.Kind));
    }

    [Fact]
    public async Task The_all_cpus_line_is_left_to_queries_and_only_each_cpu_is_reported()
    {
        WriteProc("stat", Stat);
        var monitor = Configure("cpu");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(["0", "1"], samples.LabelValues("system_cpu_seconds_total", "cpu").Order());
        Assert.Equal(16, samples.Of("system_cpu_seconds_total").Count);
    }

    [Fact]
    public async Task An_older_kernel_with_fewer_stat_columns_reports_the_modes_it_has()
    {
        WriteProc("stat", "cpu  10 20 30 40\ncpu0 10 20 30 40\nintr 1\n");
        var monitor = Configure("cpu");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(["idle", "nice", "system", "user"], samples.LabelValues("system_cpu_seconds_total", "mode").Order());
        Assert.Equal(0.4, samples.Value("system_cpu_seconds_total", ("cpu", "0"), ("mode", "idle")));
        Assert.Empty(samples.Of("system_cpu_guest_seconds_total"));
    }

    [Fact]
    public async Task Meminfo_kilobytes_are_reported_in_bytes_and_other_keys_are_ignored()
    {
        WriteProc("meminfo", MemInfo);
        var monitor = Configure("memory");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(
            new Dictionary<string, double>
            {
                ["system_memory_total_bytes"] = 16384000.0 * 1024,
                ["system_memory_free_bytes"] = 1024000.0 * 1024,
                ["system_memory_available_bytes"] = 8192000.0 * 1024,
                ["system_memory_buffers_bytes"] = 204800.0 * 1024,
                ["system_memory_cached_bytes"] = 4096000.0 * 1024,
                ["system_memory_swap_total_bytes"] = 2097148.0 * 1024,
                ["system_memory_swap_free_bytes"] = 2097000.0 * 1024,
            },
            samples.Metrics.ToDictionary(metric => metric, metric => samples.Value(metric)));
        Assert.All(samples.Of("system_memory_total_bytes"), s => Assert.Equal(MetricKind.Gauge, s.Series.Kind));
    }

    [Fact]
    public async Task Load_averages_are_read_with_a_decimal_point_whatever_the_current_culture()
    {
        WriteProc("loadavg", LoadAvg);
        var monitor = Configure("load");
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        CollectedSamples samples;
        try
        {
            samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal(
            [("system_load1", 0.52), ("system_load5", 1.25), ("system_load15", 2.0)],
            new[] { "system_load1", "system_load5", "system_load15" }.Select(metric => (metric, samples.Value(metric))));
    }

    [Fact]
    public async Task Disk_io_is_reported_per_whole_disk_with_sectors_of_512_bytes()
    {
        WriteProc("diskstats", DiskStats);
        var monitor = Configure("disk");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(1000, samples.Value("system_disk_reads_completed_total", ("device", "sda")));
        Assert.Equal(2000, samples.Value("system_disk_writes_completed_total", ("device", "sda")));
        Assert.Equal(20000 * 512, samples.Value("system_disk_read_bytes_total", ("device", "sda")));
        Assert.Equal(40000 * 512, samples.Value("system_disk_written_bytes_total", ("device", "sda")));
        Assert.Equal(0.7, samples.Value("system_disk_io_time_seconds_total", ("device", "sda")));
        Assert.Equal(88 * 512, samples.Value("system_disk_read_bytes_total", ("device", "nvme0n1")));
    }

    [Fact]
    public async Task Partitions_and_loop_devices_are_left_out_by_default_and_an_empty_disk_exclude_keeps_them()
    {
        WriteProc("diskstats", DiskStats);
        var byDefault = Configure("disk");
        var everything = _plugin.Configure($$"""{ "proc_path": {{Json(_proc.Path)}}, "collectors": ["disk"], "disk_exclude": "" }""");

        var defaultSamples = await PluginHarness.CollectAsync(byDefault, _timeout.Token);
        var everythingSamples = await PluginHarness.CollectAsync(everything, _timeout.Token);

        Assert.Equal(["nvme0n1", "sda"], defaultSamples.LabelValues("system_disk_reads_completed_total", "device").Order());
        Assert.Equal(["loop0", "nvme0n1", "nvme0n1p1", "sda", "sda1"],
            everythingSamples.LabelValues("system_disk_reads_completed_total", "device").Order());
    }

    [Fact]
    public async Task Network_traffic_is_reported_per_interface_even_when_a_count_touches_the_colon()
    {
        WriteProc(Path.Combine("net", "dev"), NetDev);
        var monitor = Configure("network");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(
            [4294967296, 2000, 3, 4, 654321, 1500, 5, 6],
            new[]
            {
                "system_network_receive_bytes_total", "system_network_receive_packets_total",
                "system_network_receive_errors_total", "system_network_receive_drop_total",
                "system_network_transmit_bytes_total", "system_network_transmit_packets_total",
                "system_network_transmit_errors_total", "system_network_transmit_drop_total",
            }.Select(metric => samples.Value(metric, ("device", "eth0"))));
    }

    [Fact]
    public async Task Loopback_is_left_out_by_default_and_an_empty_interface_exclude_keeps_it()
    {
        WriteProc(Path.Combine("net", "dev"), NetDev);
        var byDefault = Configure("network");
        var everything = _plugin.Configure($$"""{ "proc_path": {{Json(_proc.Path)}}, "collectors": ["network"], "interface_exclude": "" }""");

        var defaultSamples = await PluginHarness.CollectAsync(byDefault, _timeout.Token);
        var everythingSamples = await PluginHarness.CollectAsync(everything, _timeout.Token);

        Assert.Equal(["eth0"], defaultSamples.LabelValues("system_network_receive_bytes_total", "device"));
        Assert.Equal(["eth0", "lo"], everythingSamples.LabelValues("system_network_receive_bytes_total", "device").Order());
        Assert.Equal(123456, everythingSamples.Value("system_network_transmit_bytes_total", ("device", "lo")));
    }

    [Fact]
    public async Task A_proc_file_larger_than_the_read_buffer_is_read_to_its_end()
    {
        // Some 80 KiB, several times the reader's first buffer.
        var filler = string.Concat(Enumerable.Range(0, 4000).Select(i => $"Filler{i}:  {i} kB\n"));
        WriteProc("meminfo", filler + "MemTotal:       16384000 kB\n");
        var monitor = Configure("memory");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(16384000.0 * 1024, samples.Value("system_memory_total_bytes"));
    }

    [Fact]
    public async Task Only_the_configured_collectors_run_and_the_others_files_are_not_needed()
    {
        WriteProc("meminfo", MemInfo);
        WriteProc("loadavg", LoadAvg);
        var monitor = Configure("memory", "load");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Contains("system_memory_total_bytes", samples.Metrics);
        Assert.Contains("system_load1", samples.Metrics);
        Assert.All(samples.Metrics, metric =>
            Assert.True(metric.StartsWith("system_memory_", StringComparison.Ordinal) || metric.StartsWith("system_load", StringComparison.Ordinal), metric));
    }

    [Fact]
    public async Task Filesystems_are_reported_once_per_mount_point_skipping_virtual_types_and_flagging_unreadable_ones()
    {
        WriteProc(Path.Combine("self", "mounts"), """
            /dev/old / ext4 rw 0 0
            /dev/root / ext4 rw,relatime 0 0
            tmpfs /run tmpfs rw 0 0
            proc /proc proc rw 0 0
            /dev/gone /no/such\040mount ext4 rw 0 0
            """);
        var monitor = Configure("filesystem");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(["/", "/no/such mount"], samples.LabelValues("system_filesystem_device_error", "mountpoint").Order());
        var root = new[] { ("device", "/dev/root"), ("mountpoint", "/"), ("fstype", "ext4") };
        Assert.Equal(0, samples.Value("system_filesystem_device_error", root));
        Assert.InRange(samples.Value("system_filesystem_avail_bytes", root), 0, samples.Value("system_filesystem_size_bytes", root));
        Assert.True(samples.Value("system_filesystem_size_bytes", root) > 0);
        Assert.Equal(1, samples.Value("system_filesystem_device_error", ("device", "/dev/gone"), ("mountpoint", "/no/such mount"), ("fstype", "ext4")));
        Assert.Single(samples.Of("system_filesystem_size_bytes"));
    }

    [Fact]
    public async Task A_missing_proc_file_fails_the_collect_with_an_error_naming_the_file()
    {
        var monitor = Configure("disk");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => PluginHarness.CollectAsync(monitor, _timeout.Token));

        Assert.Contains(Path.Combine(_proc.Path, "diskstats"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_proc_file_fails_the_collect_with_an_error_naming_the_file()
    {
        WriteProc("loadavg", "high medium low 1/2 3\n");
        var monitor = Configure("load");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => PluginHarness.CollectAsync(monitor, _timeout.Token));

        Assert.Contains(Path.Combine(_proc.Path, "loadavg"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_defaults_the_real_proc_gives_per_cpu_times_and_plausible_memory_figures()
    {
        var monitor = _plugin.Configure("{}");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.NotEmpty(samples.LabelValues("system_cpu_seconds_total", "cpu"));
        Assert.Contains("user", samples.LabelValues("system_cpu_seconds_total", "mode"));
        Assert.All(samples.Of("system_cpu_seconds_total"), s => Assert.True(s.Value >= 0, s.Series.ToString()));
        var total = samples.Value("system_memory_total_bytes");
        Assert.True(total > 0, $"total {total}");
        Assert.InRange(samples.Value("system_memory_available_bytes"), 0, total);
        Assert.InRange(samples.Value("system_memory_free_bytes"), 0, total);
        Assert.True(samples.Value("system_load1") >= 0);
    }

    [Fact]
    public void The_schema_rejects_an_unknown_collector_naming_its_position()
    {
        var validation = _plugin.Validate("""{ "collectors": ["gpu", "cpu"] }""");

        var error = Assert.Single(validation.Errors);
        Assert.Equal("config.collectors[0]", error.Path);
        Assert.Contains("cpu, memory, load, disk, network, filesystem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_config_gets_every_collector_the_real_proc_and_lo_excluded()
    {
        var validation = _plugin.Validate("{}");

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        Assert.Equal(["cpu", "memory", "load", "disk", "network", "filesystem"],
            validation.Effective["collectors"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("/proc", validation.Effective["proc_path"]!.GetValue<string>());
        Assert.Equal("^lo$", validation.Effective["interface_exclude"]!.GetValue<string>());
    }

    [Fact]
    public void An_exclude_pattern_that_is_not_a_regular_expression_is_refused_naming_the_key()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            _plugin.Configure($$"""{ "proc_path": {{Json(_proc.Path)}}, "interface_exclude": "(eth" }"""));

        Assert.StartsWith("interface_exclude: '(eth' is not a valid regular expression", error.Message, StringComparison.Ordinal);
    }

    private IMonitor Configure(params string[] collectors) =>
        _plugin.Configure($$"""{ "proc_path": {{Json(_proc.Path)}}, "collectors": [{{string.Join(", ", collectors.Select(Json))}}] }""");

    private void WriteProc(string relativePath, string text)
    {
        var path = Path.Combine(_proc.Path, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
