namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// One HTTP API request, sendable to Prometheus and to us alike: a method, a path with its query string, and for a
/// POST optional form fields sent as <c>application/x-www-form-urlencoded</c> (as Grafana sends them).
/// </summary>
/// <param name="Method">GET or POST.</param>
/// <param name="PathAndQuery">E.g. <c>api/v1/series?match[]=up</c> (relative: no leading slash).</param>
/// <param name="Form">Form fields for a POST body, in order; null for none.</param>
internal sealed record ApiRequest(HttpMethod Method, string PathAndQuery, IReadOnlyList<KeyValuePair<string, string>>? Form = null)
{
    /// <summary>A GET; the query's values are escaped here.</summary>
    public static ApiRequest Get(string path, params (string Name, string Value)[] query) =>
        new(HttpMethod.Get, query.Length == 0 ? path : $"{path}?{string.Join('&', query.Select(Escape))}");

    /// <summary>A POST with the fields in a form body.</summary>
    public static ApiRequest Post(string path, params (string Name, string Value)[] form) =>
        new(HttpMethod.Post, path, [.. form.Select(f => KeyValuePair.Create(f.Name, f.Value))]);

    public HttpRequestMessage ToMessage(Uri baseAddress)
    {
        var message = new HttpRequestMessage(Method, new Uri(baseAddress, PathAndQuery));
        if (Form is not null)
        {
            message.Content = new FormUrlEncodedContent(Form);
        }

        return message;
    }

    public override string ToString() =>
        Form is null ? $"{Method} {PathAndQuery}" : $"{Method} {PathAndQuery} form: {string.Join('&', Form.Select(f => $"{f.Key}={f.Value}"))}";

    private static string Escape((string Name, string Value) p) => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}";
}
