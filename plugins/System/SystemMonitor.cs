using System.Text.RegularExpressions;
using Dashboard.Abstractions;

namespace Dashboard.Plugins.System;

/// <summary>CPU, memory, load, disk, network and filesystem figures of the Linux machine the host runs on.</summary>
public sealed class SystemMonitor : IMonitor
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private ISystemCollector[]? _collectors;

    /// <inheritdoc />
    public string Name => "System";

    /// <inheritdoc />
    public string ConfigSchema => """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": {
            "collectors": {
              "description": "Which areas to collect.",
              "type": "array",
              "items": { "type": "string", "enum": ["cpu", "memory", "load", "disk", "network", "filesystem"] },
              "uniqueItems": true,
              "default": ["cpu", "memory", "load", "disk", "network", "filesystem"]
            },
            "proc_path": {
              "description": "Where procfs is mounted (a host's /proc seen from a container, or a folder of test fixtures).",
              "type": "string",
              "minLength": 1,
              "default": "/proc"
            },
            "filesystem_types_exclude": {
              "description": "Filesystem types not reported.",
              "type": "array",
              "items": { "type": "string" },
              "default": [
                "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts", "devtmpfs",
                "efivarfs", "fusectl", "hugetlbfs", "mqueue", "nsfs", "overlay", "proc", "pstore", "ramfs",
                "rpc_pipefs", "securityfs", "selinuxfs", "squashfs", "sysfs", "tmpfs", "tracefs"
              ]
            },
            "interface_exclude": {
              "description": "Regular expression: matching network interfaces are not reported. Empty excludes none.",
              "type": "string",
              "default": "^lo$"
            },
            "disk_exclude": {
              "description": "Regular expression: matching block devices are not reported. Empty excludes none. The default skips partitions, RAM disks and loop devices.",
              "type": "string",
              "default": "^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$"
            }
          }
        }
        """;

    /// <inheritdoc />
    public void Configure(MonitorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = settings.Bind<SystemMonitorConfig>();

        // One reader for all: collects never overlap, and its buffer settles at the size of the largest file.
        var reader = new ProcFileReader();
        var procPath = config.ProcPath;
        var collectors = new List<ISystemCollector>();
        foreach (var name in config.Collectors.Distinct(StringComparer.Ordinal))
        {
            collectors.Add(name switch
            {
                "cpu" => new CpuCollector(reader, procPath),
                "memory" => new MemoryCollector(reader, procPath),
                "load" => new LoadCollector(reader, procPath),
                "disk" => new DiskCollector(reader, procPath, ExcludePattern(config.DiskExclude, "disk_exclude")),
                "network" => new NetworkCollector(reader, procPath,
                    ExcludePattern(config.InterfaceExclude, "interface_exclude")),
                "filesystem" => new FilesystemCollector(reader, procPath, config.FilesystemTypesExclude),
                _ => throw new ArgumentException(
                    $"collectors: unknown collector '{name}'; expected cpu, memory, load, disk, network or filesystem.",
                    nameof(settings)),
            });
        }

        _collectors = [.. collectors];
    }

    /// <inheritdoc />
    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var collectors = _collectors
            ?? throw new InvalidOperationException("Configure must be called before CollectAsync.");

        // Reading procfs is a few reads of kernel memory: done inline it costs less than a hop to the thread pool.
        try
        {
            foreach (var collector in collectors)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Collect(collector, writer, cancellationToken);
            }

            return ValueTask.CompletedTask;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }
        catch (Exception e)
        {
            // Failures travel in the task, as they would from an async method, for callers that await it later.
            return ValueTask.FromException(e);
        }
    }

    private static void Collect(ISystemCollector collector, ISampleWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            collector.Collect(writer, cancellationToken);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"Could not parse '{collector.SourcePath}': {e.Message}", e);
        }
    }

    private static Regex? ExcludePattern(string pattern, string key)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{key}: '{pattern}' is not a valid regular expression: {e.Message}", key, e);
        }
    }
}
