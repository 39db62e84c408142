using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Dashboard.Host.Tests.Security;

/// <summary>
/// Keeps every log entry of every category at every level as one line: the formatted message, each structured field,
/// the scopes it was written in and the exception with its inner ones, so that a test can search all of it.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Capturing(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> fields)
            {
                foreach (var (name, value) in fields)
                {
                    line.Append(CultureInfo.InvariantCulture, $" {name}={value}");
                }
            }

            owner._scopes.ForEachScope((scope, text) => text.Append(CultureInfo.InvariantCulture, $" scope={Describe(scope)}"), line);
            if (exception is not null)
            {
                line.Append(' ').Append(exception);
            }

            owner._lines.Enqueue(line.ToString());
        }

        private static string? Describe(object? scope) => scope is IEnumerable<KeyValuePair<string, object?>> fields
            ? string.Join(", ", fields.Select(f => $"{f.Key}={f.Value}"))
            : scope?.ToString();
    }
}
