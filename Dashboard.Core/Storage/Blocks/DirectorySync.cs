using System.Runtime.InteropServices;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>
/// Flushes a directory's entries to disk. Renaming a fully written directory into place is only durable once the
/// parent directory itself is flushed; .NET opens no directory handle, hence the direct calls to the C library.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;
    private const int InvalidArgument = 22;

    /// <summary>Flushes the entries of <paramref name="directory"/>.</summary>
    /// <exception cref="IOException">The directory cannot be opened or flushed.</exception>
    public static void Flush(string directory)
    {
        // Windows offers no flush of a directory through a handle; NTFS journals its metadata.
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }

        // A null-terminated UTF-8 path: a byte array needs no string marshalling.
        var fd = Open([.. System.Text.Encoding.UTF8.GetBytes(directory), 0], ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            // Some file systems (e.g. certain FUSE mounts) refuse fsync on a directory: nothing more can be done there.
            if (Fsync(fd) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != InvalidArgument)
            {
                throw new IOException($"Cannot flush directory {directory} (errno {errno}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
