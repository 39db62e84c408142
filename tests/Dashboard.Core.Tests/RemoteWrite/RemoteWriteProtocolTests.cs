using Dashboard.Core.RemoteWrite;
using Dashboard.Core.RemoteWrite.Protocol;
using Snappier;

namespace Dashboard.Core.Tests.RemoteWrite;

public sealed class RemoteWriteProtocolTests
{
    [Fact]
    public void A_request_survives_encoding_and_decoding_bit_for_bit()
    {
        var request = new WriteRequest();
        var series = new TimeSeries();
        series.Labels.Add(new Label { Name = "__name__", Value = "m" });
        series.Labels.Add(new Label { Name = "a", Value = "é\"\n" });
        foreach (var value in new[] { 0.1, 0.0, -2.5, double.NaN, double.PositiveInfinity, double.MaxValue, double.Epsilon })
        {
            series.Samples.Add(new Sample { Timestamp = -1 + series.Samples.Count, Value = value });
        }

        request.Timeseries.Add(series);

        var decoded = RemoteWriteProtocol.Decode(RemoteWriteProtocol.Encode(request), 1 << 20);

        Assert.Equal(series.Labels, Assert.Single(decoded.Timeseries).Labels);
        Assert.Equal(series.Samples.Select(s => s.Timestamp), decoded.Timeseries[0].Samples.Select(s => s.Timestamp));
        Assert.Equal(series.Samples.Select(s => BitConverter.DoubleToInt64Bits(s.Value)),
            decoded.Timeseries[0].Samples.Select(s => BitConverter.DoubleToInt64Bits(s.Value)));
    }

    [Fact]
    public void A_body_that_is_not_snappy_is_refused_naming_snappy()
    {
        var error = Assert.Throws<RemoteWriteFormatException>(() => RemoteWriteProtocol.Decode([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 1 << 20));

        Assert.Contains("snappy", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTooLarge);
    }

    [Fact]
    public void Snappy_data_that_is_not_a_write_request_is_refused_naming_protobuf()
    {
        var error = Assert.Throws<RemoteWriteFormatException>(() =>
            RemoteWriteProtocol.Decode(Snappy.CompressToArray("this is not protobuf"u8), 1 << 20));

        Assert.Contains("protobuf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_decompresses_past_the_limit_is_refused_before_it_is_decompressed()
    {
        var body = Snappy.CompressToArray(new byte[100_000]);

        var error = Assert.Throws<RemoteWriteFormatException>(() => RemoteWriteProtocol.Decode(body, 50_000));

        Assert.True(error.IsTooLarge);
        Assert.Contains("100000", error.Message, StringComparison.Ordinal);
    }
}
