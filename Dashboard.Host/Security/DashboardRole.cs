namespace Dashboard.Host.Security;

/// <summary>
/// What a caller may do. Admin may do everything; viewer reads pages and read APIs; writer only sends remote_write.
/// </summary>
public enum DashboardRole
{
    /// <summary>Reads pages and read APIs.</summary>
    Viewer,

    /// <summary>Sends samples to the remote_write receiver, nothing else.</summary>
    Writer,

    /// <summary>Edits config, installs, removes and reloads plugins, takes diagnostics and dumps; may also read and write.</summary>
    Admin,
}
