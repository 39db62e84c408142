using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Dashboard.Host.Security;

/// <summary>
/// The sign-in, signed-out and access-denied pages: plain server-rendered HTML, so signing in needs no Blazor circuit
/// (a circuit needs a signed-in user) and works with scripts off.
/// </summary>
internal static class LoginPage
{
    public static IResult SignIn(HttpContext context, AuthMode mode, string returnUrl, string? message, int status = StatusCodes.Status200OK)
    {
        var html = HtmlEncoder.Default;
        var body = mode == AuthMode.OpenIdConnect
            ? $"""<p><a class="button" href="{html.Encode(context.Request.PathBase + "/login/oidc?returnUrl=" + Uri.EscapeDataString(returnUrl))}">Sign in with your identity provider</a></p>"""
            : $"""
              <form method="post" action="{html.Encode(context.Request.PathBase + "/login")}">
                <label for="token">{(mode == AuthMode.BrowserToken ? "Login token or API key" : "API key")}</label>
                <input id="token" name="token" type="password" autocomplete="off" required autofocus />
                <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl)}" />
                {AntiforgeryField(context)}
                <button type="submit">Sign in</button>
              </form>
              <p class="hint">{(mode == AuthMode.BrowserToken
                  ? "The dashboard prints a one-time login link on its console at start. Open it, or paste its token here."
                  : "Paste an API key given to you by the dashboard's admin.")}</p>
              """;
        var error = message is null ? "" : $"""<p class="error" role="alert">{html.Encode(message)}</p>""";
        return Page(context, "Sign in", error + body, status);
    }

    public static IResult Message(HttpContext context, string title, string text, int status) =>
        Page(context, title, $"""<p>{HtmlEncoder.Default.Encode(text)}</p><p><a href="{HtmlEncoder.Default.Encode(context.Request.PathBase + "/login")}">Sign in</a></p>""", status);

    private static string AntiforgeryField(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"""<input type="hidden" name="{HtmlEncoder.Default.Encode(tokens.FormFieldName)}" value="{HtmlEncoder.Default.Encode(tokens.RequestToken!)}" />""";
    }

    private static IResult Page(HttpContext context, string title, string content, int status) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1.0" />
          <title>{HtmlEncoder.Default.Encode(title)} · Dashboard</title>
          <link rel="stylesheet" href="{HtmlEncoder.Default.Encode(context.Request.PathBase + "/_content/Dashboard.UI/dashboard.css")}" />
        </head>
        <body class="login">
          <main>
            <h1>{HtmlEncoder.Default.Encode(title)}</h1>
            {content}
          </main>
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);
}
