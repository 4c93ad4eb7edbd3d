using Microsoft.Extensions.Logging;

namespace Sibyl.Host.Logging;

/// <summary>
/// The node's <see cref="ILoggerFactory"/>: a logger per category over every provider added.
/// Providers should be added before loggers are created; a logger sees the providers present at
/// its creation.
/// </summary>
public sealed class SibylLoggerFactory : ILoggerFactory
{
    private readonly List<ILoggerProvider> _providers = [];
    private readonly Lock _lock = new();

    public SibylLoggerFactory(params ILoggerProvider[] providers) => _providers.AddRange(providers);

    /// <summary>The usual node set-up: stderr plus <c>logDirectory/system.log</c>.</summary>
    public static SibylLoggerFactory Create(LogLevel minimumLevel, string? logDirectory, TextWriter? console) =>
        new(new SibylLoggerProvider(minimumLevel, console, logDirectory));

    public void AddProvider(ILoggerProvider provider)
    {
        lock (_lock)
            _providers.Add(provider);
    }

    public ILogger CreateLogger(string categoryName)
    {
        ILogger[] loggers;
        lock (_lock)
            loggers = _providers.Select(p => p.CreateLogger(categoryName)).ToArray();
        return loggers.Length == 1 ? loggers[0] : new FanOutLogger(loggers);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (ILoggerProvider provider in _providers)
                provider.Dispose();
            _providers.Clear();
        }
    }

    private sealed class FanOutLogger(ILogger[] loggers) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => loggers.Any(l => l.IsEnabled(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            foreach (ILogger logger in loggers)
                logger.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
