using Dashboard.Abstractions;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Collection;

/// <summary>Disposes a retired monitor, whichever dispose pattern it implements, without letting it throw.</summary>
internal static partial class MonitorDisposal
{
    public static async Task DisposeAsync(IMonitor monitor, ILogger logger)
    {
        try
        {
            switch (monitor)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
#pragma warning disable CA1031 // A plugin's failure to dispose must not reach the scheduler.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogDisposeFailed(logger, monitor.GetType().FullName ?? "?", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disposing monitor {Type} failed")]
    private static partial void LogDisposeFailed(ILogger logger, string type, Exception exception);
}
