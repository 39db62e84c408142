using MudBlazor;

namespace Dashboard.UI;

/// <summary>The UI's palette, light and dark: one place for colours, so components never hard-code them.</summary>
public static class DashboardTheme
{
    /// <summary>The theme every page uses.</summary>
    public static MudTheme Value { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f5fb3",
            AppbarBackground = "#1d2330",
            Background = "#f6f7f9",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7aa2f7",
            AppbarBackground = "#11151c",
            Background = "#1a1e26",
            Surface = "#222733",
            DrawerBackground = "#1d222c",
        },
    };
}
