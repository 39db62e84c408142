using System.Diagnostics;
using System.Globalization;
using Dashboard.Abstractions;
using Dashboard.Plugins.PrometheusScrape.Exposition;

namespace Dashboard.Plugins.PrometheusScrape;

/// <summary>
/// One scraped endpoint and what it keeps between scrapes: its parser's cache of series, its read buffer, its sample
/// buffer and its running count of malformed lines. A scrape either succeeds whole or writes only <c>up 0</c>.
/// </summary>
internal sealed class ScrapeTarget
{
    private const string OpenMetricsMediaType = "application/openmetrics-text";

    // Large enough for a typical exposition to arrive in a few reads; a line longer than the buffer doubles it, up to
    // MaxLineBytes, beyond which no sane exposition goes.
    private const int InitialBufferBytes = 64 * 1024;
    private const int MaxLineBytes = 16 * 1024 * 1024;

    private readonly ExpositionParser _parser;
    private readonly ScrapedSamples _samples = new();
    private byte[] _buffer = new byte[InitialBufferBytes];

    public ScrapeTarget(Uri uri, TargetLabels labels, bool honorTimestamps)
    {
        Uri = uri;
        Labels = labels;
        _parser = new ExpositionParser(labels, honorTimestamps);
    }

    /// <summary>The exposition's URL.</summary>
    public Uri Uri { get; }

    /// <summary>The target's labels.</summary>
    public TargetLabels Labels { get; }

    /// <summary>Whether the last scrape succeeded.</summary>
    public bool Up { get; private set; }

    /// <summary>How long the last scrape took, to the end of the body or to its failure.</summary>
    public TimeSpan Duration { get; private set; }

    /// <summary>The samples the last scrape read; 0 when it failed.</summary>
    public int SamplesScraped { get; private set; }

    /// <summary>Malformed lines in every scrape so far.</summary>
    public long MalformedLinesTotal { get; private set; }

    /// <summary>
    /// Scrapes the target once. A failure (refused, timed out, non-2xx, over a limit) is recorded, not thrown; the
    /// collect's own cancellation is thrown.
    /// </summary>
    public async Task ScrapeAsync(HttpClient client, ScrapeLimits limits, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        var started = Stopwatch.GetTimestamp();
        _samples.Clear();
        string? error;
        try
        {
            error = await ReadAsync(client, limits, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the scrape timed out after {limits.Timeout.TotalMilliseconds} ms");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException)
        {
            // Refused, reset, a failed TLS handshake, a corrupt gzip stream: this target is down, the others go on.
            error = e.Message;
        }

        Duration = Stopwatch.GetElapsedTime(started);
        Up = error is null;
        if (!Up)
        {
            _samples.Clear();
        }

        SamplesScraped = _samples.Count;
    }

    /// <summary>Writes the last scrape's samples (if it succeeded), then <c>up</c> and the <c>scrape_*</c> samples.</summary>
    public void WriteTo(ISampleWriter writer)
    {
        _samples.WriteTo(writer);
        ReadOnlySpan<Label> labels = Labels.Labels;
        writer.Gauge("up", labels, Up ? 1 : 0);
        writer.Gauge("scrape_duration_seconds", labels, Duration.TotalSeconds);
        writer.Gauge("scrape_samples_scraped", labels, SamplesScraped);
        writer.Counter("scrape_malformed_lines_total", labels, MalformedLinesTotal);
    }

    private async Task<string?> ReadAsync(HttpClient client, ScrapeLimits limits, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the target answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var limit = limits.BodySizeLimitBytes;
        if (limit > 0 && response.Content.Headers.ContentLength > limit)
        {
            return BodyTooLarge(limit);
        }

        var format = string.Equals(response.Content.Headers.ContentType?.MediaType, OpenMetricsMediaType, StringComparison.OrdinalIgnoreCase)
            ? ExpositionFormat.OpenMetrics
            : ExpositionFormat.Text;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            _parser.Begin(format, _samples);
            try
            {
                return await ParseAsync(body, limits, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                MalformedLinesTotal += _parser.MalformedLines;
            }
        }
    }

    // Reads straight into the reused buffer and parses it in place; only a line split between two reads is moved.
    private async Task<string?> ParseAsync(Stream body, ScrapeLimits limits, CancellationToken cancellationToken)
    {
        var filled = 0;
        long total = 0;
        while (true)
        {
            if (filled == _buffer.Length)
            {
                if (_buffer.Length >= MaxLineBytes)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"a line is longer than {MaxLineBytes} bytes");
                }

                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await body.ReadAsync(_buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
            if (limits.BodySizeLimitBytes > 0 && total > limits.BodySizeLimitBytes)
            {
                return BodyTooLarge(limits.BodySizeLimitBytes);
            }

            filled += read;
            var consumed = _parser.Feed(_buffer.AsSpan(0, filled));
            _buffer.AsSpan(consumed, filled - consumed).CopyTo(_buffer);
            filled -= consumed;
            if (limits.SampleLimit > 0 && _samples.Count > limits.SampleLimit)
            {
                return SampleLimitExceeded(limits.SampleLimit);
            }
        }

        _parser.End(_buffer.AsSpan(0, filled));
        return limits.SampleLimit > 0 && _samples.Count > limits.SampleLimit ? SampleLimitExceeded(limits.SampleLimit) : null;
    }

    private static string BodyTooLarge(long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"the body is larger than body_size_limit_bytes ({limit})");

    private static string SampleLimitExceeded(int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"the exposition has more samples than sample_limit ({limit})");
}
