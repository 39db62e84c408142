using System.Reflection;

namespace Dashboard.Core.Plugins;

/// <summary>
/// Runs a piece of plugin code (a constructor, a property, <c>Configure</c>) off the caller's thread and under a
/// time limit, so a plugin that hangs or throws outside of a collect cannot stall loading or reconciliation.
/// </summary>
public static class PluginCode
{
    /// <summary>How long plugin code outside of a collect may take.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="call"/>, translating what goes wrong into a message that names it.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The plugin code.</param>
    /// <param name="what">What is being called, for the message (e.g. "its constructor").</param>
    /// <param name="timeout">The time limit.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PluginCodeException">The code threw or did not return in time.</exception>
    public static async Task<T> RunAsync<T>(Func<T> call, string what, TimeSpan timeout)
    {
        var task = Task.Run(call);
        try
        {
            return await task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new PluginCodeException($"{what} did not return within {timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not PluginCodeException)
        {
            var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            throw new PluginCodeException($"{what} threw {cause.GetType().Name}: {cause.Message}", cause);
        }
    }
}
