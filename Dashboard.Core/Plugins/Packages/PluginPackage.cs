using System.Buffers;
using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.IO.Compression;

namespace Dashboard.Core.Plugins.Packages;

/// <summary>
/// Unpacks an uploaded plugin zip into a fresh folder, refusing anything that could write outside it or exhaust the
/// disk: every entry name is checked before a byte is written (no <c>..</c>, no absolute, rooted or drive-letter path,
/// no backslash, no link or device, no duplicate, no entry that is both file and folder), the entry count is capped,
/// and the unpacked size is counted while writing, never taken from the headers, so a zip bomb is cut at the cap.
/// </summary>
public static class PluginPackage
{
    private const int LongestName = 1024;

    // The high 16 bits of a zip entry's external attributes carry the Unix mode when the zip was made on Unix.
    private const int UnixTypeMask = 0xF000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixDirectory = 0x4000;
    private const int UnixSymbolicLink = 0xA000;

    /// <summary>Unpacks <paramref name="zip"/> into <paramref name="destination"/>, which must not exist yet.</summary>
    /// <param name="zip">The zip, seekable (a file).</param>
    /// <param name="destination">The folder to create and fill. On failure it may hold part of the files (never more than the cap); the caller deletes it.</param>
    /// <param name="limits">The entry and size caps.</param>
    /// <param name="cancellationToken">Cancels the unpacking.</param>
    /// <returns>What was unpacked.</returns>
    /// <exception cref="PluginPackageException">The zip is unreadable or holds an entry that is refused; the message names it.</exception>
    public static async Task<PluginPackageContents> ExtractAsync(Stream zip, string destination, PluginUploadOptions limits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(limits);
        CheckDeclaredEntryCount(zip, limits.MaxEntries);

        ZipArchive archive;
        ReadOnlyCollection<ZipArchiveEntry> entries;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            entries = archive.Entries;
        }
        catch (InvalidDataException ex)
        {
            throw new PluginPackageException($"the upload is not a readable zip archive: {ex.Message}", ex);
        }

        using (archive)
        {
            if (entries.Count > limits.MaxEntries)
            {
                throw TooManyEntries(entries.Count, limits.MaxEntries);
            }

            var plan = PlanOf(entries);
            var root = Path.GetFullPath(destination);
            Directory.CreateDirectory(root);
            long bytes = 0;
            foreach (var (entry, relative) in plan.Files)
            {
                var target = Path.GetFullPath(Path.Combine(root, relative));
                if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new PluginPackageException(entry.FullName, "it would be written outside the plugin's folder");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                bytes = await CopyAsync(entry, target, bytes, limits.MaxUnpackedBytes, cancellationToken).ConfigureAwait(false);
            }

            foreach (var folder in plan.Folders)
            {
                Directory.CreateDirectory(Path.Combine(root, folder));
            }

            return new PluginPackageContents(plan.TopFolder, plan.Files.Count, bytes);
        }
    }

    /// <summary>Whether <paramref name="name"/> can name a plugin folder: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, starting with a letter or digit, at most 128.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when usable.</returns>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= 128 } && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    // The end-of-central-directory record states the entry count: refusing there spares reading a huge directory.
    private static void CheckDeclaredEntryCount(Stream zip, int maxEntries)
    {
        const int RecordLength = 22;
        var tail = (int)Math.Min(zip.Length, RecordLength + ushort.MaxValue);
        if (tail < RecordLength)
        {
            throw new PluginPackageException("the upload is not a zip archive: it is too short to be one");
        }

        var buffer = new byte[tail];
        zip.Position = zip.Length - tail;
        zip.ReadExactly(buffer);
        zip.Position = 0;
        for (var at = tail - RecordLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at)) == 0x06054b50)
            {
                // 0xFFFF means "see the zip64 record": at least that many.
                var declared = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(at + 10));
                if (declared > maxEntries)
                {
                    throw TooManyEntries(declared, maxEntries);
                }

                return;
            }
        }

        throw new PluginPackageException(
            "the upload is not a zip archive, or a truncated one: it has no end-of-central-directory record");
    }

    private static PluginPackageException TooManyEntries(int count, int max) =>
        new($"the zip holds {count} entries, more than the {max} allowed (Dashboard:Plugins:Upload:MaxEntries)");

    private static Plan PlanOf(ReadOnlyCollection<ZipArchiveEntry> entries)
    {
        var parsed = new List<(ZipArchiveEntry Entry, string[] Segments, bool IsFolder)>(entries.Count);
        foreach (var entry in entries)
        {
            var (segments, isFolder) = Check(entry);
            parsed.Add((entry, segments, isFolder));
        }

        // One folder holding everything is the plugin's folder, not a subfolder of it.
        var first = parsed.Count > 0 ? parsed[0].Segments[0] : null;
        var topFolder = first is not null && parsed.All(p => p.Segments[0] == first && (p.Segments.Length > 1 || p.IsFolder))
            ? first
            : null;

        var files = new List<(ZipArchiveEntry, string)>();
        var folders = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ancestors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (entry, segments, isFolder) in parsed)
        {
            var own = topFolder is null ? segments : segments[1..];
            if (own.Length == 0)
            {
                continue;
            }

            var relative = string.Join('/', own);
            if (!names.Add(relative))
            {
                throw new PluginPackageException(entry.FullName, "a second entry of the same name (names are compared ignoring case)");
            }

            for (var i = 1; i < own.Length; i++)
            {
                ancestors.TryAdd(string.Join('/', own[..i]), entry.FullName);
            }

            if (isFolder)
            {
                folders.Add(relative);
            }
            else
            {
                files.Add((entry, relative));
            }
        }

        foreach (var (entry, relative) in files)
        {
            if (ancestors.TryGetValue(relative, out var child))
            {
                throw new PluginPackageException(entry.FullName, $"it is a file, but entry '{child}' uses it as a folder");
            }
        }

        if (!files.Any(f => f.Item2.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            throw new PluginPackageException("the zip holds no .dll: a plugin is its assembly with its dependencies and deps.json");
        }

        return new Plan(topFolder, files, folders);
    }

    private static (string[] Segments, bool IsFolder) Check(ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        if (name.Length == 0)
        {
            throw new PluginPackageException(name, "an empty name");
        }

        if (name.Length > LongestName)
        {
            throw new PluginPackageException(name[..64] + "…", $"a name longer than {LongestName} characters");
        }

        if (name.Any(char.IsControl))
        {
            throw new PluginPackageException(name, "a control character in its name");
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            throw new PluginPackageException(name, "a backslash in its name: zip paths use '/', and '\\' could be a Windows path separator");
        }

        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw new PluginPackageException(name, "a ':' in its name: a drive letter (C:) or a Windows alternate stream");
        }

        if (name[0] == '/')
        {
            throw new PluginPackageException(name, "an absolute path");
        }

        var type = (entry.ExternalAttributes >> 16) & UnixTypeMask;
        if (type == UnixSymbolicLink)
        {
            throw new PluginPackageException(name, "a symbolic link; a plugin holds only files and folders");
        }

        if (type is not (0 or UnixRegularFile or UnixDirectory))
        {
            throw new PluginPackageException(name, $"a special file (Unix type 0x{type:X4}); a plugin holds only files and folders");
        }

        var isFolder = name[^1] == '/';
        var segments = (isFolder ? name[..^1] : name).Split('/');
        foreach (var segment in segments)
        {
            if (segment is "..")
            {
                throw new PluginPackageException(name, "a '..' segment: it would be written outside the plugin's folder");
            }

            if (segment is "" or ".")
            {
                throw new PluginPackageException(name, "an empty or '.' segment in its path");
            }
        }

        return (segments, isFolder || type == UnixDirectory);
    }

    private static async Task<long> CopyAsync(ZipArchiveEntry entry, string target, long written, long maxBytes,
        CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var source = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                await using (file.ConfigureAwait(false))
                {
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        // Checked before writing: the disk never holds more than the cap.
                        if (written + read > maxBytes)
                        {
                            throw new PluginPackageException(entry.FullName,
                                $"the zip unpacks to more than {maxBytes} bytes (Dashboard:Plugins:Upload:MaxUnpackedBytes); unpacking was stopped there");
                        }

                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        written += read;
                    }
                }
            }

            return written;
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            throw new PluginPackageException(entry.FullName, $"its data cannot be unpacked: {ex.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed record Plan(string? TopFolder, IReadOnlyList<(ZipArchiveEntry Entry, string Relative)> Files, IReadOnlyList<string> Folders);
}
