namespace Dashboard.Plugins.PrometheusScrape;

/// <summary>HTTP basic authentication as configured: a user name and a password or a file holding it.</summary>
public sealed class BasicAuthConfig
{
    /// <summary>The user name.</summary>
    public string Username { get; init; } = "";

    /// <summary>The password.</summary>
    public string? Password { get; init; }

    /// <summary>A file holding the password, read when the instance is configured.</summary>
    public string? PasswordFile { get; init; }
}
