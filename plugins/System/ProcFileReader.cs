using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Dashboard.Plugins.System;

/// <summary>
/// Reads a whole procfs file into buffers kept between collects, so a steady-state read allocates only the file handle.
/// </summary>
/// <remarks>Not thread-safe: the returned text is valid until the next read, which suits collects that never overlap.</remarks>
internal sealed class ProcFileReader
{
    private byte[] _bytes = new byte[16 * 1024];
    private char[] _chars = new char[16 * 1024];

    /// <summary>Reads <paramref name="path"/> to its end.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist, typically because this is not Linux.</exception>
    public ReadOnlySpan<char> ReadAll(string path)
    {
        using var handle = Open(path);

        // procfs reports a length of 0 for its files, so read until the kernel says there is no more.
        var length = 0;
        while (true)
        {
            if (length == _bytes.Length)
            {
                Array.Resize(ref _bytes, _bytes.Length * 2);
            }

            var read = RandomAccess.Read(handle, _bytes.AsSpan(length), length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var maxChars = Encoding.UTF8.GetMaxCharCount(length);
        if (_chars.Length < maxChars)
        {
            _chars = new char[maxChars];
        }

        var charCount = Encoding.UTF8.GetChars(_bytes.AsSpan(0, length), _chars);
        return _chars.AsSpan(0, charCount);
    }

    private static SafeFileHandle Open(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException(
                $"The System monitor reads '{path}', which does not exist. It needs Linux procfs; check proc_path.",
                path,
                e);
        }
    }
}
