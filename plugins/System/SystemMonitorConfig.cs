namespace Dashboard.Plugins.System;

/// <summary>The config of one System instance; the defaults mirror those of the schema.</summary>
public sealed class SystemMonitorConfig
{
    /// <summary>Which areas to collect: cpu, memory, load, disk, network, filesystem.</summary>
    public IReadOnlyList<string> Collectors { get; init; } = ["cpu", "memory", "load", "disk", "network", "filesystem"];

    /// <summary>Where procfs is mounted; tests point it at a folder of fixture files.</summary>
    public string ProcPath { get; init; } = "/proc";

    /// <summary>Filesystem types not reported: virtual and in-memory filesystems, whose sizes say nothing of disk.</summary>
    public IReadOnlyList<string> FilesystemTypesExclude { get; init; } =
    [
        "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts", "devtmpfs", "efivarfs",
        "fusectl", "hugetlbfs", "mqueue", "nsfs", "overlay", "proc", "pstore", "ramfs", "rpc_pipefs", "securityfs",
        "selinuxfs", "squashfs", "sysfs", "tmpfs", "tracefs",
    ];

    /// <summary>A regular expression; matching network interfaces are not reported. Empty excludes none.</summary>
    public string InterfaceExclude { get; init; } = "^lo$";

    /// <summary>A regular expression; matching block devices are not reported. Empty excludes none.</summary>
    public string DiskExclude { get; init; } = DefaultDiskExclude;

    /// <summary>Partitions, RAM disks and loop devices: their I/O is already counted on the whole disk, or is not disk.</summary>
    internal const string DefaultDiskExclude = @"^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$";
}
