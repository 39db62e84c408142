namespace Dashboard.UI.Components.Dashboards;

/// <summary>One entry of the board list: a board, or a file that is not one and why.</summary>
/// <param name="Id">The board's id (a user board's file name without <c>.json</c>).</param>
/// <param name="BuiltIn">Whether it ships with the dashboard (read-only) rather than being saved by a user.</param>
/// <param name="Board">The board, or null when its file is not one.</param>
/// <param name="Error">Why the file is not a board, or null.</param>
public sealed record BoardListing(string Id, bool BuiltIn, Board? Board, string? Error)
{
    /// <summary>The title to list it under.</summary>
    public string Title => Board?.Title ?? Id;
}
