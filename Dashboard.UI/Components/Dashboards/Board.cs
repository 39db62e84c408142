namespace Dashboard.UI.Components.Dashboards;

/// <summary>A dashboard: panels of charts under one time range (the JSON format: docs/dashboards.md).</summary>
/// <param name="Id">Its name in URLs and file names: lower-case letters, digits, <c>-</c> and <c>_</c>.</param>
/// <param name="Title">What the list and the page show.</param>
/// <param name="Description">A line about it, or null.</param>
/// <param name="Range">The relative range it opens with (<c>1h</c>), or null for the default.</param>
/// <param name="Panels">Its charts, in reading order.</param>
public sealed record Board(string Id, string Title, string? Description, string? Range, IReadOnlyList<BoardPanel> Panels);
