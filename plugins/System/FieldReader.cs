using System.Globalization;

namespace Dashboard.Plugins.System;

/// <summary>Reads the whitespace-separated fields of one procfs line, without allocating.</summary>
internal ref struct FieldReader
{
    private ReadOnlySpan<char> _rest;

    public FieldReader(ReadOnlySpan<char> line)
    {
        _rest = line;
    }

    /// <summary>Reads the next field, if there is one.</summary>
    public bool TryRead(out ReadOnlySpan<char> field)
    {
        _rest = _rest.TrimStart();
        if (_rest.IsEmpty)
        {
            field = default;
            return false;
        }

        var end = _rest.IndexOfAny(' ', '\t');
        if (end < 0)
        {
            end = _rest.Length;
        }

        field = _rest[..end];
        _rest = _rest[end..];
        return true;
    }

    /// <summary>Reads the next field, which must exist.</summary>
    /// <exception cref="FormatException">The line has no more fields.</exception>
    public ReadOnlySpan<char> Read() =>
        TryRead(out var field) ? field : throw new FormatException("A line ended before all its fields were read.");

    /// <summary>Reads the next field as an unsigned integer, if there is a next field.</summary>
    /// <exception cref="FormatException">The field is not an unsigned integer.</exception>
    public bool TryReadUInt64(out ulong value)
    {
        if (!TryRead(out var field))
        {
            value = 0;
            return false;
        }

        value = ParseUInt64(field);
        return true;
    }

    /// <summary>Reads the next field, which must exist, as an unsigned integer.</summary>
    /// <exception cref="FormatException">The line has no more fields, or the field is not an unsigned integer.</exception>
    public ulong ReadUInt64() => ParseUInt64(Read());

    /// <summary>Skips <paramref name="count"/> fields.</summary>
    /// <exception cref="FormatException">The line has fewer fields.</exception>
    public void Skip(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Read();
        }
    }

    private static ulong ParseUInt64(ReadOnlySpan<char> field) =>
        ulong.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Expected an unsigned integer, found '{field}'.");
}
