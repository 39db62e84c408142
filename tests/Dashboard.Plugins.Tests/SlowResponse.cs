using Microsoft.AspNetCore.Http;

namespace Dashboard.Plugins.Tests;

/// <summary>What the loopback servers' slow endpoints do: answer nothing until the client gives up.</summary>
internal static class SlowResponse
{
    /// <summary>Waits (at most 30 s) for the client to abort the request, which is what a timeout test is about.</summary>
    public static async Task WaitForClientToGiveUpAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up.
        }
    }
}
