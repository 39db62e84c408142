namespace Dashboard.Core.Audit;

/// <summary>The actions the audit log records, as written in its <c>action</c> field.</summary>
public static class AuditActions
{
    /// <summary><c>plugins.json</c> saved through the API or the UI.</summary>
    public const string ConfigSave = "config.save";

    /// <summary><c>plugins.json</c> changed on disk and picked up by the watcher.</summary>
    public const string ConfigFile = "config.file";

    /// <summary>An instance created or replaced.</summary>
    public const string InstancePut = "instance.put";

    /// <summary>An instance removed.</summary>
    public const string InstanceDelete = "instance.delete";

    /// <summary>An instance rolled back to a previous version of <c>plugins.json</c>.</summary>
    public const string InstanceRollback = "instance.rollback";

    /// <summary>The whole of <c>plugins.json</c> rolled back to a previous version.</summary>
    public const string ConfigRollback = "config.rollback";

    /// <summary>A plugin uploaded and installed.</summary>
    public const string PluginInstall = "plugin.install";

    /// <summary>A plugin removed.</summary>
    public const string PluginRemove = "plugin.remove";

    /// <summary>A plugin reloaded on request.</summary>
    public const string PluginReload = "plugin.reload";

    /// <summary>A successful login.</summary>
    public const string Login = "auth.login";

    /// <summary>A refused login.</summary>
    public const string LoginFailed = "auth.login_failed";

    /// <summary>A logout.</summary>
    public const string Logout = "auth.logout";

    /// <summary>A diagnostics capture (profile, trace, heap, dump).</summary>
    public const string DiagnosticsCapture = "diagnostics.capture";

    /// <summary>A user's dashboard saved or imported in the UI.</summary>
    public const string DashboardSave = "dashboard.save";

    /// <summary>A full garbage collection of the host run from the diagnostics page.</summary>
    public const string DiagnosticsGc = "diagnostics.gc";
}
