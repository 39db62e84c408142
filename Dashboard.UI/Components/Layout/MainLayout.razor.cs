using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.UI.Components.Layout;

/// <summary>The frame of every page: app bar (theme, user, sign-out), navigation drawer, content.</summary>
public sealed partial class MainLayout : IAsyncDisposable
{
    private MudThemeProvider? _themeProvider;
    private IJSObjectReference? _themeModule;
    private bool _dark;
    private bool _drawerOpen = true;

    /// <summary>The theme this browser chose ("light", "dark"), or null to follow the system.</summary>
    [CascadingParameter(Name = ThemeCookie.Name)]
    public string? ChosenTheme { get; set; }

    [Inject]
    private IJSRuntime JS { get; init; } = default!;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_themeModule is not null)
        {
            try
            {
                await _themeModule.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone; so is the module.
            }
        }
    }

    /// <inheritdoc />
    protected override void OnInitialized() => _dark = ChosenTheme == "dark";

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && ChosenTheme is null && _themeProvider is not null)
        {
            _dark = await _themeProvider.GetSystemDarkModeAsync();
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleThemeAsync()
    {
        _dark = !_dark;
        _themeModule ??= await JS.InvokeAsync<IJSObjectReference>("import", "./_content/Dashboard.UI/js/theme.js");
        await _themeModule.InvokeVoidAsync("save", _dark ? "dark" : "light");
    }
}
