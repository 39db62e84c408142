using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.UI.Tests;

/// <summary>
/// A bUnit context with the UI's component library registered and its JavaScript calls answered loosely (MudBlazor
/// measures elements through JS, which bUnit has no browser for; the Playwright tests cover the real calls).
/// </summary>
public abstract class UiTestContext : BunitContext
{
    protected UiTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
