using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sibyl.Host.Logging;

/// <summary>
/// Writes one line per event, formatted by <see cref="LogLineFormatter"/>, to the console (stderr)
/// and to <c>&lt;log dir&gt;/system.log</c>. Lines are written under one lock so that lines from
/// different threads never interleave; logging is not on a request path.
/// </summary>
public sealed class SibylLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, SibylLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private readonly TextWriter? _console;
    private readonly StreamWriter? _file;
    private readonly TimeProvider _time;
    private bool _disposed;

    /// <param name="minimumLevel">Events below it are dropped before formatting.</param>
    /// <param name="console">Usually <see cref="Console.Error"/>; null for none.</param>
    /// <param name="logDirectory">Directory of system.log (created if missing); null for no file.</param>
    public SibylLoggerProvider(LogLevel minimumLevel, TextWriter? console, string? logDirectory, TimeProvider? time = null)
    {
        MinimumLevel = minimumLevel;
        _console = console;
        _time = time ?? TimeProvider.System;
        if (logDirectory is not null)
        {
            Directory.CreateDirectory(logDirectory);
            LogFile = Path.Combine(logDirectory, "system.log");
            var stream = new FileStream(LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            _file = new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" };
        }
    }

    public LogLevel MinimumLevel { get; }

    /// <summary>Full path of system.log, or null when logging to the console only.</summary>
    public string? LogFile { get; }

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, self) => new SibylLogger(name, self), this);

    internal void Write(LogLevel level, string category, string message, Exception? exception)
    {
        Thread thread = Thread.CurrentThread;
        string threadName = thread.Name ?? "thread-" + thread.ManagedThreadId;
        DateTime local = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _time.LocalTimeZone).DateTime;
        string line = LogLineFormatter.Format(level, threadName, local, category, message, exception);
        lock (_writeLock)
        {
            if (_disposed)
                return;
            try
            {
                _console?.Write(line + "\n");
                _file?.Write(line + "\n");
            }
            catch (IOException)
            {
                // A full disk or a closed console must not take the node down with it.
            }
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _file?.Dispose();
        }
    }
}
