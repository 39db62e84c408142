using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Audit;

/// <summary>
/// The audit log as an append-only file of JSON lines (<c>at, actor, action, target, detail</c>), one flushed line per
/// entry so a crash loses at most the entry being written. The file is never rewritten; operators rotate it by moving it.
/// </summary>
public sealed partial class AuditLogFile : IAuditLog
{
    // The UI shows the newest entries; reading the tail bounds the cost whatever the file's size.
    private const int TailBytes = 4 << 20;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLogFile> _logger;

    /// <summary>Creates the log; the folder is created on the first entry.</summary>
    /// <param name="path">The file.</param>
    /// <param name="time">The clock that stamps entries.</param>
    /// <param name="logger">Where a failed write is reported.</param>
    public AuditLogFile(string path, TimeProvider time, ILogger<AuditLogFile> logger)
    {
        Path = path;
        _time = time;
        _logger = logger;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Record(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = Serialize(new AuditRecord(_time.GetUtcNow(), entry));
        try
        {
            lock (_gate)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
                file.Write(line);
                file.Flush(flushToDisk: true);
            }
        }
        catch (IOException ex)
        {
            LogWriteFailed(entry.Action, entry.Target, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            LogWriteFailed(entry.Action, entry.Target, ex);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> ReadRecentAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!File.Exists(Path))
        {
            return [];
        }

        await using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, useAsync: true);
        var start = Math.Max(0, file.Length - TailBytes);
        file.Position = start;
        using var reader = new StreamReader(file, Encoding.UTF8);
        if (start > 0)
        {
            await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false); // a partial line
        }

        var records = new List<AuditRecord>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (TryParse(line) is { } record)
            {
                records.Add(record);
            }
        }

        records.Reverse();
        return records.Count > count ? records[..count] : records;
    }

    private static byte[] Serialize(AuditRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("at", record.At);
            json.WriteString("actor", record.Entry.Actor);
            json.WriteString("action", record.Entry.Action);
            json.WriteString("target", record.Entry.Target);
            if (record.Entry.Detail is not null)
            {
                json.WriteString("detail", record.Entry.Detail);
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    // A line torn by a crash mid-write is skipped rather than failing the whole view.
    private static AuditRecord? TryParse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new AuditRecord(
                root.GetProperty("at").GetDateTimeOffset(),
                new AuditEntry(
                    root.GetProperty("actor").GetString()!,
                    root.GetProperty("action").GetString()!,
                    root.GetProperty("target").GetString()!,
                    root.TryGetProperty("detail", out var detail) ? detail.GetString() : null));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit log could not record {Action} on {Target}")]
    private partial void LogWriteFailed(string action, string target, Exception exception);
}
