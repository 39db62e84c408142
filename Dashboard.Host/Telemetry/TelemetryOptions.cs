using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace Dashboard.Host.Telemetry;

/// <summary>Self-instrumentation settings, section <c>Dashboard:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Telemetry";

    /// <summary>
    /// An OpenTelemetry collector to push our metrics and traces to (e.g. <c>http://collector:4317</c>); none by default,
    /// the metrics being scrapeable at <c>/metrics/otel</c> anyway.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The OTLP transport: <c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How often metrics are pushed to the collector, in milliseconds.</summary>
    [Range(1000, 3_600_000)]
    public int OtlpExportIntervalMs { get; set; } = 60_000;
}
