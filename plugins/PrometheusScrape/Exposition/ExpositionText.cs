using System.Buffers;

namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>
/// The lexical pieces of an exposition line, found in UTF-8 bytes without allocating: names, label sets, tokens and
/// blanks. Shared by both formats; what a piece means is the parser's business.
/// </summary>
internal static class ExpositionText
{
    private static readonly SearchValues<byte> MetricNameBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:"u8);

    private static readonly SearchValues<byte> LabelNameBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"u8);

    private static readonly SearchValues<byte> LabelSetStops = SearchValues.Create("\\\"}"u8);

    /// <summary>
    /// The length of the series text at the start of a sample line: the metric name, and the label set if one follows
    /// (quotes and escapes respected, so a <c>}</c> inside a value does not end it).
    /// </summary>
    public static int SeriesTextLength(ReadOnlySpan<byte> line, out string? error)
    {
        error = null;
        var nameLength = MetricNameLength(line);
        if (nameLength == 0)
        {
            error = "a sample line does not start with a valid metric name";
            return -1;
        }

        if (nameLength == line.Length || line[nameLength] != '{')
        {
            return nameLength;
        }

        var labelsLength = LabelSetLength(line[nameLength..]);
        if (labelsLength < 0)
        {
            error = "the label set has no closing brace";
            return -1;
        }

        return nameLength + labelsLength;
    }

    /// <summary>The length of the label set <paramref name="text"/> starts with (at its <c>{</c>), or -1.</summary>
    public static int LabelSetLength(ReadOnlySpan<byte> text)
    {
        var quoted = false;
        var i = 1;
        while (i < text.Length)
        {
            // Vectorised: only quotes, backslashes and closing braces matter, the rest is skipped in bulk.
            var next = text[i..].IndexOfAny(LabelSetStops);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            switch (text[i])
            {
                case (byte)'\\' when quoted:
                    i++;
                    break;
                case (byte)'"':
                    quoted = !quoted;
                    break;
                case (byte)'}' when !quoted:
                    return i + 1;
            }

            i++;
        }

        return -1;
    }

    // [a-zA-Z_:][a-zA-Z0-9_:]*
    public static int MetricNameLength(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || char.IsAsciiDigit((char)text[0]))
        {
            return 0;
        }

        var end = text.IndexOfAnyExcept(MetricNameBytes);
        return end < 0 ? text.Length : end;
    }

    // [a-zA-Z_][a-zA-Z0-9_]*
    public static int LabelNameLength(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || char.IsAsciiDigit((char)text[0]))
        {
            return 0;
        }

        var end = text.IndexOfAnyExcept(LabelNameBytes);
        return end < 0 ? text.Length : end;
    }

    public static int Token(ReadOnlySpan<byte> text)
    {
        var end = text.IndexOfAny((byte)' ', (byte)'\t');
        return end < 0 ? text.Length : end;
    }

    public static bool IsBlank(byte c) => c is (byte)' ' or (byte)'\t';

    public static ReadOnlySpan<byte> TrimStartBlanks(ReadOnlySpan<byte> text) => text.TrimStart(" \t"u8);

    public static ReadOnlySpan<byte> TrimBlanks(ReadOnlySpan<byte> text) => text.Trim(" \t"u8);
}
