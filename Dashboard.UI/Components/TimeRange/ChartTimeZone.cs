namespace Dashboard.UI.Components.TimeRange;

/// <summary>Which clock a chart's axis and the absolute range fields read in.</summary>
public enum ChartTimeZone
{
    /// <summary>The browser's own time zone.</summary>
    Local,

    /// <summary>Coordinated universal time.</summary>
    Utc,
}
