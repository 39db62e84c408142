using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Query.Remote;

/// <summary>
/// Reads a sample pair as the Prometheus API writes it: the time as a JSON number of seconds with up to three
/// decimals, the value as a string (Go's shortest round-trip form, or <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>).
/// </summary>
internal sealed class RemoteSampleConverter : JsonConverter<RemoteSample>
{
    // Go prints floats without an exponent: the longest (the smallest subnormal) takes about 330 characters.
    private const int MaxValueBytes = 512;

    public override RemoteSample Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartArray, "a [time, \"value\"] pair");
        reader.Read();
        // Decimal keeps the seconds' fraction exact; a double could land a millisecond off after scaling.
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var seconds))
        {
            throw new JsonException("a sample's time is not a number of seconds");
        }

        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("a sample's value is not a string");
        }

        var value = ParseValue(ref reader);
        reader.Read();
        Expect(ref reader, JsonTokenType.EndArray, "the end of a [time, \"value\"] pair");
        return new RemoteSample((long)decimal.Round(seconds * 1000m), value);
    }

    public override void Write(Utf8JsonWriter writer, RemoteSample value, JsonSerializerOptions options) =>
        throw new NotSupportedException("samples are only read");

    private static double ParseValue(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxValueBytes)
        {
            throw new JsonException($"a sample's value is {length} bytes long, not a number");
        }

        Span<byte> utf8 = stackalloc byte[MaxValueBytes];
        var text = utf8[..reader.CopyString(utf8)];
        if (text.SequenceEqual("NaN"u8))
        {
            return double.NaN;
        }

        if (text.SequenceEqual("+Inf"u8))
        {
            return double.PositiveInfinity;
        }

        if (text.SequenceEqual("-Inf"u8))
        {
            return double.NegativeInfinity;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new JsonException($"a sample's value \"{System.Text.Encoding.UTF8.GetString(text)}\" is not a number");
        }

        return value;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"expected {what}, found {reader.TokenType}");
        }
    }
}
