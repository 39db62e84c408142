using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.UI.Tests;

/// <summary>
/// A bUnit context with the UI's component library registered and its JavaScript calls answered loosely (MudBlazor
/// measures elements through JS, which bUnit has no browser for; the Playwright tests cover the real calls).
/// MudBlazor's services (key interceptor, pointer events) dispose only asynchronously, so xunit disposes the context
/// through <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class UiTestContext : BunitContext, IAsyncLifetime
{
    protected UiTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>Prepares what the test's components need before it runs.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DisposeTestResourcesAsync();
    }

    /// <summary>Releases the test's own resources, after the context (and so every component using them) is gone.</summary>
    protected virtual Task DisposeTestResourcesAsync() => Task.CompletedTask;
}
