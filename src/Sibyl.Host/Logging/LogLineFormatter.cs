using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Sibyl.Host.Logging;

/// <summary>
/// Cassandra's system.log layout (logback <c>%-5level [%thread] %date{ISO8601} %F - %msg</c>):
/// <c>INFO  [main] 2026-11-21 08:00:00,123 NodeRunner.cs - message</c>.
/// </summary>
public static class LogLineFormatter
{
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        _ => "ERROR",
    };

    /// <summary>The file-like name of a category: its last dotted segment (generic arity dropped) plus ".cs".</summary>
    public static string SourceName(string category)
    {
        int dot = category.LastIndexOf('.');
        string name = dot >= 0 && dot < category.Length - 1 ? category[(dot + 1)..] : category;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick > 0)
            name = name[..tick];
        return name + ".cs";
    }

    public static string Format(LogLevel level, string thread, DateTime localTime, string category, string message, Exception? exception)
    {
        var sb = new StringBuilder(64 + message.Length);
        sb.Append(LevelName(level).PadRight(5)).Append(" [").Append(thread).Append("] ")
          .Append(localTime.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture)).Append(' ')
          .Append(SourceName(category)).Append(" - ").Append(message);
        if (exception is not null)
            sb.Append('\n').Append(exception.ToString().ReplaceLineEndings("\n"));
        return sb.ToString();
    }
}
