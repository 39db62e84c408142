namespace Dashboard.UI.Components.Dashboards;

/// <summary>One chart of a board.</summary>
/// <param name="Title">Its heading.</param>
/// <param name="Queries">The PromQL expressions it draws, one or more.</param>
/// <param name="Width">Its width in twelfths of the board (1–12).</param>
public sealed record BoardPanel(string Title, IReadOnlyList<string> Queries, int Width);
