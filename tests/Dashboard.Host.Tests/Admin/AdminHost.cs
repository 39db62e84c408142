using System.Net.Http.Headers;
using Dashboard.Core.Audit;
using Dashboard.Host.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests.Admin;

/// <summary>A host in API-key mode whose <see cref="DashboardHost.Client"/> is the admin, and what the admin tests read back.</summary>
internal static class AdminHost
{
    public static DashboardHost Start(string pluginsJson, IReadOnlyDictionary<string, string>? settings, params string[] testPlugins)
    {
        var all = TestKeys.Settings();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return DashboardHost.StartAuthenticated(all, TestKeys.Admin, pluginsJson, testPlugins);
    }

    /// <summary>The audit log's entries, newest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> AuditAsync(this DashboardHost host) =>
        [.. (await host.Services.GetRequiredService<IAuditLog>().ReadRecentAsync(100, CancellationToken.None)).Select(r => r.Entry)];

    /// <summary>A zip as an <c>application/zip</c> body.</summary>
    public static ByteArrayContent ZipBody(byte[] zip)
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return content;
    }

    /// <summary>A zip as a form's file field, with an optional <c>name</c> field.</summary>
    public static MultipartFormDataContent Form(byte[] zip, string fileName, string? name = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "file", fileName);
        if (name is not null)
        {
            form.Add(new StringContent(name), "name");
        }

        return form;
    }

    /// <summary>Every file under a folder with its size, to prove a refused change left it as it was.</summary>
    public static string[] Snapshot(string folder) =>
        [.. Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(f => $"{Path.GetRelativePath(folder, f)}:{(File.Exists(f) ? new FileInfo(f).Length : -1)}")
            .Order(StringComparer.Ordinal)];
}
