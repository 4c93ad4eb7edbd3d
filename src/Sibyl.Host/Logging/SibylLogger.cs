using Microsoft.Extensions.Logging;

namespace Sibyl.Host.Logging;

/// <summary>A category's logger; filtering happens here, formatting and writing in the provider.</summary>
internal sealed class SibylLogger(string category, SibylLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        provider.Write(logLevel, category, formatter(state, exception), exception);
    }
}
