using System.Text.RegularExpressions;
using Dashboard.Abstractions;

namespace Dashboard.Plugins.System;

/// <summary>I/O per block device, from <c>/proc/diskstats</c>.</summary>
internal sealed class DiskCollector : ISystemCollector
{
    // diskstats counts in 512-byte sectors whatever the device's real sector size.
    private const double BytesPerSector = 512;

    private readonly ProcFileReader _reader;
    private readonly Regex? _exclude;
    private readonly LabelValueCache _deviceNames = new();

    public DiskCollector(ProcFileReader reader, string procPath, Regex? exclude)
    {
        _reader = reader;
        _exclude = exclude;
        SourcePath = Path.Combine(procPath, "diskstats");
    }

    public string SourcePath { get; }

    public void Collect(ISampleWriter writer, CancellationToken cancellationToken)
    {
        foreach (var line in _reader.ReadAll(SourcePath).EnumerateLines())
        {
            var fields = new FieldReader(line);
            if (!fields.TryRead(out _))
            {
                continue;
            }

            fields.Skip(1);
            var name = fields.Read();
            if (_exclude is not null && _exclude.IsMatch(name))
            {
                continue;
            }

            var readsCompleted = fields.ReadUInt64();
            fields.Skip(1);
            var sectorsRead = fields.ReadUInt64();
            fields.Skip(1);
            var writesCompleted = fields.ReadUInt64();
            fields.Skip(1);
            var sectorsWritten = fields.ReadUInt64();
            fields.Skip(2);
            var ioMilliseconds = fields.ReadUInt64();

            var device = _deviceNames.Get(name);
            writer.Counter("system_disk_reads_completed_total", [new("device", device)], readsCompleted);
            writer.Counter("system_disk_writes_completed_total", [new("device", device)], writesCompleted);
            writer.Counter("system_disk_read_bytes_total", [new("device", device)], sectorsRead * BytesPerSector);
            writer.Counter("system_disk_written_bytes_total", [new("device", device)], sectorsWritten * BytesPerSector);
            writer.Counter("system_disk_io_time_seconds_total", [new("device", device)], ioMilliseconds / 1000.0);
        }
    }
}
