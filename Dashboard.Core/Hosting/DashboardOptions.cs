using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Hosting;

/// <summary>Where the dashboard keeps its files (<c>Dashboard</c> section). Relative paths resolve against the content root.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>The plugins folder: one subfolder per plugin.</summary>
    [Required]
    public string PluginsPath { get; set; } = "plugins";

    /// <summary>The <c>plugins.json</c> in use.</summary>
    [Required]
    public string PluginsConfigPath { get; set; } = "plugins.json";

    /// <summary>Where data lives: config history now; the store and audit log later.</summary>
    [Required]
    public string DataPath { get; set; } = "data";
}
