using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Sibyl.Host.Configuration;

/// <summary>The command line of <c>sibyl start</c>.</summary>
public sealed record StartOptions(string? ConfigFile, ConfigOverrides Overrides, LogLevel MinimumLogLevel)
{
    public const string Usage =
        "usage: sibyl start [options]\n" +
        "  --data-dir DIR      data, commit log and logs root (default ./data)\n" +
        "  --port PORT         CQL native transport port (default 9042)\n" +
        "  --admin-port PORT   admin endpoint port used by nodetool (default 7199)\n" +
        "  --listen ADDR       listen_address and rpc_address (default 127.0.0.1)\n" +
        "  --config FILE       a sibyl.yaml with cassandra.yaml settings\n" +
        "  --log-level LEVEL   trace, debug, info, warn or error (default info)\n";

    /// <summary>Accepts <c>--name value</c> and <c>--name=value</c>.</summary>
    public static StartOptions Parse(IReadOnlyList<string> args)
    {
        var overrides = new ConfigOverrides();
        string? configFile = null;
        LogLevel level = LogLevel.Information;
        var errors = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string? value = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Count)
            {
                value = args[i + 1];
            }
            bool inline = eq > 0 && name.Length == eq;

            if (name is not ("--data-dir" or "--port" or "--admin-port" or "--listen" or "--config" or "--log-level"))
            {
                errors.Add($"Unknown option '{args[i]}'");
                continue;
            }
            if (value is null)
            {
                errors.Add($"Missing value for option '{name}'");
                continue;
            }
            if (!inline)
                i++;
            switch (name)
            {
                case "--data-dir": overrides = overrides with { DataDirectory = value }; break;
                case "--listen": overrides = overrides with { ListenAddress = value }; break;
                case "--config": configFile = value; break;
                case "--port":
                    if (TryPort(value, name, errors) is int port)
                        overrides = overrides with { NativeTransportPort = port };
                    break;
                case "--admin-port":
                    if (TryPort(value, name, errors) is int adminPort)
                        overrides = overrides with { AdminPort = adminPort };
                    break;
                case "--log-level":
                    LogLevel? parsed = ParseLevel(value);
                    if (parsed is null)
                        errors.Add($"Invalid value for '--log-level': '{value}' (expected trace, debug, info, warn or error)");
                    else
                        level = parsed.Value;
                    break;
            }
        }
        if (errors.Count > 0)
            throw new ConfigurationException(errors);
        return new StartOptions(configFile, overrides, level);
    }

    private static int? TryPort(string value, string name, List<string> errors)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535)
            return port;
        errors.Add($"Invalid value for '{name}': '{value}' (expected a port from 1 to 65535)");
        return null;
    }

    public static LogLevel? ParseLevel(string value) => value.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => null,
    };
}
