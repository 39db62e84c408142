using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Abstractions;
using Dashboard.Plugins.PrometheusScrape.Exposition;

namespace Dashboard.Plugins.PrometheusScrape;

/// <summary>
/// Scrapes Prometheus exposition endpoints (node_exporter, Prometheus itself, any exporter) as Prometheus 2.42 does:
/// the same content negotiation, both formats, the target's <c>instance</c> label, <c>honor_labels</c> and
/// <c>honor_timestamps</c>, body and sample limits, and <c>up</c> and <c>scrape_*</c> samples per target.
/// </summary>
public sealed class PrometheusScrapeMonitor : IMonitor, IDisposable
{
    // Prometheus 2.42's scrapeAcceptHeader: OpenMetrics preferred, the text format accepted.
    private const string AcceptHeader =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    // Long enough to reuse connections from one scrape to the next, short enough that DNS changes show within a minute.
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(1);

    private HttpClient? _client;
    private ScrapeTarget[] _targets = [];
    private ScrapeLimits _limits = new(TimeSpan.FromSeconds(1), 0, 0);

    /// <inheritdoc />
    public string Name => "PrometheusScrape";

    /// <inheritdoc />
    public string ConfigSchema => """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["targets"],
          "properties": {
            "targets": {
              "description": "The exposition endpoints to scrape, all at once, every collect.",
              "type": "array",
              "minItems": 1,
              "items": {
                "type": "object",
                "required": ["url"],
                "properties": {
                  "url": { "description": "Absolute http or https URL of the exposition, e.g. http://127.0.0.1:9100/metrics.", "type": "string", "format": "uri" },
                  "labels": {
                    "description": "Labels added to every sample of this target; instance (host:port by default) may be replaced here.",
                    "type": "object",
                    "patternProperties": { "^[a-zA-Z_][a-zA-Z0-9_]*$": { "type": "string" } },
                    "additionalProperties": false
                  }
                },
                "additionalProperties": false
              }
            },
            "honor_timestamps": { "description": "Keep the timestamps the target gives its samples; else stamp them with the collect's time.", "type": "boolean", "default": true },
            "honor_labels": { "description": "A scraped label wins a clash with a target label; else it is kept as exported_<name>.", "type": "boolean", "default": false },
            "body_size_limit_bytes": { "description": "The most bytes of uncompressed body a scrape may read before it fails; 0 is no limit.", "type": "integer", "minimum": 0, "default": 0 },
            "sample_limit": { "description": "The most samples a scrape may hold before it fails; 0 is no limit.", "type": "integer", "minimum": 0, "default": 0 },
            "scrape_timeout_ms": { "description": "How long one target's scrape may take; less than timeout_ms, by default 90 % of it.", "type": "integer", "minimum": 1 },
            "bearer_token": { "description": "Sent as Authorization: Bearer to every target. Never logged.", "type": "string", "writeOnly": true },
            "bearer_token_file": { "description": "A file holding the bearer token, read when the instance is configured.", "type": "string" },
            "basic_auth": {
              "description": "HTTP basic authentication for every target.",
              "type": "object",
              "required": ["username"],
              "properties": {
                "username": { "type": "string" },
                "password": { "type": "string", "writeOnly": true },
                "password_file": { "description": "A file holding the password, read when the instance is configured.", "type": "string" }
              },
              "additionalProperties": false
            },
            "tls_insecure_skip_verify": { "description": "Accept any TLS certificate from the targets. Off unless you must.", "type": "boolean", "default": false }
          },
          "additionalProperties": false
        }
        """;

    /// <inheritdoc />
    public void Configure(MonitorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = settings.Bind<PrometheusScrapeConfig>();

        var scrapeTimeout = config.ScrapeTimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : settings.Timeout * 0.9;
        if (scrapeTimeout >= settings.Timeout)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"scrape_timeout_ms: {scrapeTimeout.TotalMilliseconds} is not less than timeout_ms ({settings.Timeout.TotalMilliseconds}): a slow target must fail its scrape before the collect is cancelled."),
                nameof(settings));
        }

        var targets = new ScrapeTarget[config.Targets.Count];
        var labelSets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Length; i++)
        {
            var (uri, labels) = CheckTarget(config.Targets[i], i);

            // Two targets with the same labels would write the same series twice.
            if (!labelSets.Add(string.Join(',', labels.Select(l => $"{l.Name}={l.Value}"))))
            {
                throw new ArgumentException(
                    $"targets[{i}]: another target has the same labels ({string.Join(", ", labels.Select(l => $"{l.Name}=\"{l.Value}\""))}); give one an instance label of its own.",
                    nameof(settings));
            }

            targets[i] = new ScrapeTarget(uri, new TargetLabels(labels, config.HonorLabels), config.HonorTimestamps);
        }

        var authorization = Authorization(config);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = ConnectionLifetime,
            AutomaticDecompression = DecompressionMethods.GZip,

            // Scrapes stand alone: a cookie from one must not change the next.
            UseCookies = false,
        };
        if (config.TlsInsecureSkipVerify)
        {
#pragma warning disable CA5359 // The operator asked for it, per instance, and the schema says what it costs.
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        _client?.Dispose();
        _client = new HttpClient(handler)
        {
            // Each scrape has its own timeout; the client's default of 100 s would only get in the way.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var headers = _client.DefaultRequestHeaders;
        headers.TryAddWithoutValidation("Accept", AcceptHeader);
        headers.UserAgent.Add(new ProductInfoHeaderValue("Dashboard-PrometheusScrape", "1.0"));
        headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds",
            scrapeTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        headers.Authorization = authorization;

        _limits = new ScrapeLimits(scrapeTimeout, config.BodySizeLimitBytes, config.SampleLimit);
        _targets = targets;
    }

    /// <inheritdoc />
    public async ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var client = _client ?? throw new InvalidOperationException("Configure must be called before CollectAsync.");
        var targets = _targets;

        var scrapes = new Task[targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            scrapes[i] = targets[i].ScrapeAsync(client, _limits, cancellationToken);
        }

        await Task.WhenAll(scrapes).ConfigureAwait(false);

        // The writer is written from this one flow, in target order, once every scrape is done.
        foreach (var target in targets)
        {
            target.WriteTo(writer);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        _client = null;
    }

    private static (Uri Uri, Label[] Labels) CheckTarget(ScrapeTargetConfig config, int index)
    {
        if (!Uri.TryCreate(config.Url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"targets[{index}].url: '{config.Url}' is not an absolute http or https URL.", nameof(config));
        }

        // As Prometheus: host:port, the port written out even when it is the scheme's default.
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["instance"] = string.Create(CultureInfo.InvariantCulture, $"{uri.Host}:{uri.Port}"),
        };
        foreach (var (name, value) in config.Labels)
        {
            if (name.StartsWith("__", StringComparison.Ordinal) || !IsLabelName(name))
            {
                throw new ArgumentException(
                    $"targets[{index}].labels.{name}: not a label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __).", nameof(config));
            }

            labels[name] = value ?? throw new ArgumentException($"targets[{index}].labels.{name}: the value is null.", nameof(config));
        }

        return (uri, [.. labels.Select(l => new Label(l.Key, l.Value)).OrderBy(l => l.Name, StringComparer.Ordinal)]);
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    // The secret goes into the header and nowhere else: no message below quotes a token, a password or a file's text.
    private static AuthenticationHeaderValue? Authorization(PrometheusScrapeConfig config)
    {
        var ways = (config.BearerToken is null ? 0 : 1) + (config.BearerTokenFile is null ? 0 : 1) + (config.BasicAuth is null ? 0 : 1);
        if (ways > 1)
        {
            throw new ArgumentException("bearer_token, bearer_token_file and basic_auth: give at most one.", nameof(config));
        }

        if (config.BearerToken is { } token)
        {
            return new AuthenticationHeaderValue("Bearer", token);
        }

        if (config.BearerTokenFile is { } tokenFile)
        {
            return new AuthenticationHeaderValue("Bearer", ReadSecret(tokenFile, "bearer_token_file"));
        }

        if (config.BasicAuth is not { } basic)
        {
            return null;
        }

        if (basic.Password is not null && basic.PasswordFile is not null)
        {
            throw new ArgumentException("basic_auth: give password or password_file, not both.", nameof(config));
        }

        var password = basic.PasswordFile is { } passwordFile ? ReadSecret(passwordFile, "basic_auth.password_file") : basic.Password ?? "";
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.Username}:{password}")));
    }

    private static string ReadSecret(string path, string key)
    {
        try
        {
            // A trailing newline, as `echo token > file` leaves, is no part of the secret.
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{key}: cannot read '{path}': {e.GetType().Name}.", nameof(path), e);
        }
    }
}
