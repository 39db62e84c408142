using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Host.Tests.Security;

/// <summary>One key per role, configured the way an operator does: admin and writer by value, the viewer by its hash.</summary>
internal static class TestKeys
{
    public const string Admin = "admin-key-0d1f0c7e5b";
    public const string Viewer = "viewer-key-6a4e21b9c3";
    public const string Writer = "writer-key-93be7f10aa";

    public static Dictionary<string, string> Settings(string mode = "ApiKey") => new()
    {
        ["Dashboard:Auth:Mode"] = mode,
        ["Dashboard:Auth:AdminApiKey"] = Admin,
        ["Dashboard:Auth:WriterApiKey"] = Writer,
        ["Dashboard:Auth:ApiKeys:0:Name"] = "grafana",
        ["Dashboard:Auth:ApiKeys:0:Role"] = "Viewer",
        ["Dashboard:Auth:ApiKeys:0:Sha256"] = Sha256(Viewer),
    };

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static HttpRequestMessage With(this HttpRequestMessage request, string? key)
    {
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }
}
