namespace Dashboard.Host.Auth;

/// <summary>The writer key (<c>Dashboard:Auth:WriterApiKey</c>) that remote_write senders present.</summary>
internal sealed class WriterKeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Auth";

    /// <summary>The full key name, for messages.</summary>
    public const string KeyName = Section + ":WriterApiKey";

    /// <summary>The key; without one, writes are refused.</summary>
    public string? WriterApiKey { get; set; }
}
