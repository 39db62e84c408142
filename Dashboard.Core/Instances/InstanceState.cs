namespace Dashboard.Core.Instances;

/// <summary>Where a configured instance stands.</summary>
public enum InstanceState
{
    /// <summary>Collecting; its last collect (if any) succeeded.</summary>
    Running,

    /// <summary>Its config breaks the plugin's schema and no earlier valid config of it is running.</summary>
    Invalid,

    /// <summary>Scheduled, but its recent collects failed (or it could not be configured).</summary>
    Failing,

    /// <summary>Switched off in <c>plugins.json</c>.</summary>
    Disabled,

    /// <summary>Its plugin is not loaded (yet): it starts when the plugin appears.</summary>
    Waiting,
}
