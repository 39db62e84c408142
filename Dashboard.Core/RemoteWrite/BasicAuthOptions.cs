namespace Dashboard.Core.RemoteWrite;

/// <summary>HTTP basic authentication for a remote. Never logged.</summary>
public sealed class BasicAuthOptions
{
    /// <summary>The user name.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>The password.</summary>
    public string Password { get; set; } = string.Empty;
}
