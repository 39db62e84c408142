using Dashboard.Abstractions;

namespace Dashboard.Plugins.System;

/// <summary>Size and free space per mounted filesystem, from <c>/proc/self/mounts</c> and statfs.</summary>
internal sealed class FilesystemCollector : ISystemCollector
{
    private readonly ProcFileReader _reader;
    private readonly HashSet<string> _excludedTypes;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _excludedTypeLookup;
    private readonly LabelValueCache _labelValues = new();
    private readonly List<MountEntry> _mounts = [];
    private readonly HashSet<string> _reportedMountPoints = new(StringComparer.Ordinal);

    public FilesystemCollector(ProcFileReader reader, string procPath, IEnumerable<string> excludedTypes)
    {
        _reader = reader;
        _excludedTypes = new HashSet<string>(excludedTypes, StringComparer.Ordinal);
        _excludedTypeLookup = _excludedTypes.GetAlternateLookup<ReadOnlySpan<char>>();
        SourcePath = Path.Combine(procPath, "self", "mounts");
    }

    public string SourcePath { get; }

    public void Collect(ISampleWriter writer, CancellationToken cancellationToken)
    {
        ReadMounts();

        // A later mount on the same point hides the earlier one, so walk backwards and report each point once.
        _reportedMountPoints.Clear();
        for (var i = _mounts.Count - 1; i >= 0; i--)
        {
            // statfs can be slow on network filesystems: stop between mounts once the collect is abandoned.
            cancellationToken.ThrowIfCancellationRequested();

            var mount = _mounts[i];
            if (_reportedMountPoints.Add(mount.MountPoint))
            {
                WriteUsage(writer, mount);
            }
        }
    }

    private void ReadMounts()
    {
        _mounts.Clear();
        foreach (var line in _reader.ReadAll(SourcePath).EnumerateLines())
        {
            var fields = new FieldReader(line);
            if (!fields.TryRead(out var device))
            {
                continue;
            }

            var mountPoint = fields.Read();
            var type = fields.Read();
            if (_excludedTypeLookup.Contains(type))
            {
                continue;
            }

            _mounts.Add(new MountEntry(Unescape(device), Unescape(mountPoint), _labelValues.Get(type)));
        }
    }

    private static void WriteUsage(ISampleWriter writer, MountEntry mount)
    {
        ReadOnlySpan<Label> labels =
        [
            new("device", mount.Device),
            new("mountpoint", mount.MountPoint),
            new("fstype", mount.FilesystemType),
        ];

        try
        {
            // DriveInfo does a statfs per property; three calls cost less than owning a per-architecture statvfs
            // layout.
            var drive = new DriveInfo(mount.MountPoint);
            var size = drive.TotalSize;
            var free = drive.TotalFreeSpace;
            var available = drive.AvailableFreeSpace;

            writer.Gauge("system_filesystem_size_bytes", labels, size);
            writer.Gauge("system_filesystem_free_bytes", labels, free);
            writer.Gauge("system_filesystem_avail_bytes", labels, available);
            writer.Gauge("system_filesystem_device_error", labels, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // One unreadable mount (stale NFS handle, no permission) must not hide the others.
            writer.Gauge("system_filesystem_device_error", labels, 1);
        }
    }

    private string Unescape(ReadOnlySpan<char> field)
    {
        // The mount table escapes space, tab, newline and backslash as three-digit octal ("\040").
        if (!field.Contains('\\'))
        {
            return _labelValues.Get(field);
        }

        var decoded = new char[field.Length];
        var length = 0;
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2])
                && IsOctal(field[i + 3]))
            {
                decoded[length++] = (char)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0'));
                i += 3;
            }
            else
            {
                decoded[length++] = field[i];
            }
        }

        return _labelValues.Get(decoded.AsSpan(0, length));
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
