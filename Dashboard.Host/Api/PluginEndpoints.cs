using System.Text.Json.Nodes;
using Dashboard.Core.Audit;
using Dashboard.Core.Plugins;
using Dashboard.Core.Plugins.Packages;
using Dashboard.Host.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Api;

/// <summary>
/// <c>GET /api/plugins</c>: every plugin found, with its state and, when it failed, why. Admin only:
/// <c>POST /api/plugins</c> installs a zip (multipart file field or an <c>application/zip</c> body),
/// <c>DELETE /api/plugins/{name}</c> removes a plugin folder, <c>POST /api/plugins/{name}/reload</c> reloads one.
/// </summary>
internal static partial class PluginEndpoints
{
    // Room for the multipart boundaries, part headers and the name field around the zip itself.
    private const long MultipartSlack = 64 * 1024;
    private const int LongestNameField = 1024;

    public static void MapPluginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/plugins", (PluginCatalog catalog) => catalog.GetPlugins().Select(PluginResponse.From));
        endpoints.MapPost("/api/plugins", InstallAsync).RequireRole(DashboardRole.Admin);
        endpoints.MapDelete("/api/plugins/{name}", RemoveAsync).RequireRole(DashboardRole.Admin);
        endpoints.MapPost("/api/plugins/{name}/reload", ReloadAsync).RequireRole(DashboardRole.Admin);
    }

    private static async Task<IResult> InstallAsync(HttpContext context, PluginAdministration plugins, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        var limits = plugins.Limits;
        var logger = loggers.CreateLogger(typeof(PluginEndpoints).FullName!);
        var isMultipart = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (!isMultipart && !IsZip(mediaType))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"send the plugin zip as multipart/form-data (a file field, and optionally a 'name' field) or as an application/zip body, not '{request.ContentType}'");
        }

        // The endpoint's own limit replaces the server-wide body limit: uploads may be larger than other requests.
        var bodyLimit = limits.MaxBytes + (isMultipart ? MultipartSlack : 0);
        if (request.ContentLength > bodyLimit)
        {
            return TooLarge(logger, $"the upload has {request.ContentLength} bytes, above the limit of {limits.MaxBytes} (Dashboard:Plugins:Upload:MaxBytes)");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = bodyLimit;
        }

        PluginUpload? upload = null;
        try
        {
            string? name = request.Query["name"];
            string? fileName;
            if (isMultipart)
            {
                var boundary = HeaderUtilities.RemoveQuotes(mediaType!.Boundary).Value;
                if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
                {
                    return Refuse(logger, null, "the multipart/form-data content type has no usable boundary");
                }

                var reader = new MultipartReader(boundary, request.Body);
                fileName = null;
                while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
                {
                    if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    {
                        return Refuse(logger, null, "a form part has no Content-Disposition");
                    }

                    if (disposition.IsFileDisposition())
                    {
                        if (upload is not null)
                        {
                            return Refuse(logger, null, "the form holds more than one file; upload one plugin zip at a time");
                        }

                        fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                        upload = await plugins.ReceiveAsync(section.Body, cancellationToken);
                    }
                    else if (HeaderUtilities.RemoveQuotes(disposition.Name).Equals("name", StringComparison.Ordinal))
                    {
                        name = await ReadFieldAsync(section.Body, cancellationToken);
                    }
                }

                if (upload is null)
                {
                    return Refuse(logger, null, "the form holds no file: send the plugin zip in a file field (e.g. curl -F file=@Plugin.zip)");
                }
            }
            else
            {
                fileName = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
                    ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
                    : null;
                upload = await plugins.ReceiveAsync(request.Body, cancellationToken);
            }

            var (installation, installed) = await plugins.InstallAsync(upload, name, fileName, AuditActor.Of(context.User), cancellationToken);
            return Results.Json(new InstallResponse(installation.Name, installation.Replaced, installation.Files, installation.Bytes,
                    [.. installed.Select(PluginResponse.From)]),
                statusCode: installation.Replaced ? StatusCodes.Status200OK : StatusCodes.Status201Created);
        }
        catch (PluginUploadTooLargeException ex)
        {
            return TooLarge(logger, ex.Message);
        }
        catch (PluginPackageException ex)
        {
            return Refuse(logger, ex.Entry, ex.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(logger, $"the upload is above the limit of {limits.MaxBytes} bytes (Dashboard:Plugins:Upload:MaxBytes)");
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // The multipart reader's own refusals (a malformed form, a body cut short).
            return Refuse(logger, null, $"the upload could not be read: {ex.Message}");
        }
        finally
        {
            upload?.Dispose();
        }
    }

    private static async Task<IResult> RemoveAsync(string name, HttpContext context, PluginAdministration plugins,
        CancellationToken cancellationToken) =>
        await plugins.RemoveAsync(name, AuditActor.Of(context.User), cancellationToken) is { } after
            ? Results.Ok(new PluginsOfFolder(name, [.. after.Select(PluginResponse.From)]))
            : NotFound(name, plugins);

    private static async Task<IResult> ReloadAsync(string name, HttpContext context, PluginAdministration plugins,
        CancellationToken cancellationToken) =>
        await plugins.ReloadAsync(name, AuditActor.Of(context.User), cancellationToken) is { } after
            ? Results.Ok(new PluginsOfFolder(name, [.. after.Select(PluginResponse.From)]))
            : NotFound(name, plugins);

    private static bool IsZip(MediaTypeHeaderValue? mediaType) =>
        mediaType?.MediaType.Value?.ToLowerInvariant() is "application/zip" or "application/x-zip-compressed" or "application/octet-stream";

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        var buffer = new char[LongestNameField];
        var length = await reader.ReadBlockAsync(buffer, cancellationToken);
        return new string(buffer, 0, length).Trim();
    }

    private static IResult NotFound(string name, PluginAdministration plugins) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Plugin not found", detail: plugins.NotFoundMessage(name));

    private static IResult TooLarge(ILogger logger, string detail)
    {
        LogRefused(logger, detail);
        return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large", detail: detail);
    }

    private static IResult Refuse(ILogger logger, string? entry, string detail)
    {
        LogRefused(logger, detail);
        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Plugin zip refused", detail: detail,
            extensions: new Dictionary<string, object?> { ["entry"] = entry });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A plugin upload was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    private sealed record PluginResponse(string Name, string? Version, string Path, PluginState State, string? Error,
        JsonNode? ConfigSchema, DateTimeOffset ChangedAt)
    {
        public static PluginResponse From(PluginInfo p) => new(p.Name, p.Version, p.Path, p.State, p.Error,
            p.ConfigSchema is null ? null : JsonNode.Parse(p.ConfigSchema), p.ChangedAt);
    }

    private sealed record InstallResponse(string Name, bool Replaced, int Files, long Bytes, IReadOnlyList<PluginResponse> Plugins);

    private sealed record PluginsOfFolder(string Name, IReadOnlyList<PluginResponse> Plugins);
}
