using System.Globalization;
using Sibyl.Client;
using Sibyl.Common.Errors;

namespace Sibyl.Stress;

/// <summary>The parsed command line of <c>sibyl stress</c>.</summary>
public sealed record StressOptions
{
    public StressWorkloadKind Workload { get; init; } = StressWorkloadKind.Write;
    public IReadOnlyList<string> Hosts { get; init; } = ["127.0.0.1"];
    public int Port { get; init; } = 9042;
    public long Keys { get; init; } = 100_000;
    public int ValueSize { get; init; } = 100;
    public KeyDistribution Distribution { get; init; } = KeyDistribution.Uniform;
    public double ZipfExponent { get; init; } = 0.99;
    public int Concurrency { get; init; } = 16;

    /// <summary>Measured run time; ignored when <see cref="Operations"/> is set.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Measured operation count; null to run for <see cref="Duration"/>.</summary>
    public long? Operations { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;
    public ConsistencyLevel Consistency { get; init; } = ConsistencyLevel.One;
    public string Keyspace { get; init; } = "sibyl_stress";
    public int ReplicationFactor { get; init; } = 1;

    /// <summary>Relative weight of writes in mixed workloads.</summary>
    public int WriteRatio { get; init; } = 1;

    /// <summary>Relative weight of reads in mixed workloads.</summary>
    public int ReadRatio { get; init; } = 1;

    /// <summary>Rows read per slice in timeseries-slice.</summary>
    public int SliceSize { get; init; } = 100;

    public CqlCompression Compression { get; init; } = CqlCompression.None;
    public int ConnectionsPerHost { get; init; } = 1;
    public bool Json { get; init; }
    public string? HtmlFile { get; init; }
    public int Seed { get; init; } = 42;

    public const string Usage = """
        usage: sibyl stress <write|read|mixed|timeseries-slice> [options]
          --host H[,H...]         contact points (default 127.0.0.1)
          --port P                native protocol port (default 9042)
          --keys N                key space size (default 100000)
          --value-size B          bytes per value (default 100)
          --dist uniform|zipf     key distribution (default uniform); --zipf-exponent E (default 0.99)
          --concurrency C         requests in flight (default 16)
          --duration 30s | --ops N   how long to measure (default 30s)
          --warmup 5s             unmeasured run before measuring (default 0s)
          --consistency LEVEL     ONE, QUORUM, LOCAL_ONE, ... (default ONE)
          --ratio write=1,read=3  mix of mixed and timeseries-slice (default 1:1)
          --slice-size N          rows per timeseries slice (default 100)
          --keyspace NAME         keyspace to create and use (default sibyl_stress)
          --replication-factor N  of the created keyspace (default 1)
          --compression lz4|snappy|none, --connections N per host (default 1)
          --json                  print one JSON object (progress goes to stderr)
          --html FILE             write a self-contained HTML report
          --seed N                random seed (default 42)
        """;

    /// <summary>Parses <paramref name="args"/>; returns null and an error message when they are invalid.</summary>
    public static StressOptions? TryParse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var options = new StressOptions();
        bool workloadSeen = false;
        try
        {
            for (int i = 0; i < args.Count; i++)
            {
                string arg = args[i];
                if (!arg.StartsWith("--", StringComparison.Ordinal))
                {
                    if (workloadSeen)
                        throw new FormatException($"Unexpected argument '{arg}'");
                    options = options with { Workload = ParseWorkload(arg) };
                    workloadSeen = true;
                    continue;
                }
                string name = arg;
                string? inline = null;
                int equals = arg.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    name = arg[..equals];
                    inline = arg[(equals + 1)..];
                }
                string Value()
                {
                    if (inline is not null)
                        return inline;
                    if (i + 1 >= args.Count)
                        throw new FormatException($"{name} needs a value");
                    return args[++i];
                }
                options = name switch
                {
                    "--host" or "--hosts" => options with { Hosts = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                    "--port" => options with { Port = ParseInt(name, Value(), 1, 65535) },
                    "--keys" => options with { Keys = ParseLong(name, Value(), 1) },
                    "--value-size" => options with { ValueSize = ParseInt(name, Value(), 0, 64 * 1024 * 1024) },
                    "--dist" => options with { Distribution = ParseDistribution(Value()) },
                    "--zipf-exponent" => options with { ZipfExponent = ParseDouble(name, Value(), 0.01, 10) },
                    "--concurrency" => options with { Concurrency = ParseInt(name, Value(), 1, 100_000) },
                    "--duration" => options with { Duration = ParseDuration(name, Value()) },
                    "--ops" => options with { Operations = ParseLong(name, Value(), 1) },
                    "--warmup" => options with { Warmup = ParseDuration(name, Value(), allowZero: true) },
                    "--consistency" or "--cl" => options with { Consistency = ParseConsistency(Value()) },
                    "--keyspace" => options with { Keyspace = ParseIdentifier(Value()) },
                    "--replication-factor" or "--rf" => options with { ReplicationFactor = ParseInt(name, Value(), 1, 100) },
                    "--ratio" => ParseRatio(options, Value()),
                    "--slice-size" => options with { SliceSize = ParseInt(name, Value(), 1, 1_000_000) },
                    "--compression" => options with { Compression = ParseCompression(Value()) },
                    "--connections" => options with { ConnectionsPerHost = ParseInt(name, Value(), 1, 64) },
                    "--json" => options with { Json = inline is null || bool.Parse(inline) },
                    "--html" => options with { HtmlFile = Value() },
                    "--seed" => options with { Seed = ParseInt(name, Value(), int.MinValue, int.MaxValue) },
                    _ => throw new FormatException($"Unknown option {name}"),
                };
            }
            if (!workloadSeen)
                throw new FormatException("Missing workload (write, read, mixed or timeseries-slice)");
            return options;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static StressWorkloadKind ParseWorkload(string value) => value.ToLowerInvariant() switch
    {
        "write" => StressWorkloadKind.Write,
        "read" => StressWorkloadKind.Read,
        "mixed" => StressWorkloadKind.Mixed,
        "timeseries-slice" or "timeseries" => StressWorkloadKind.TimeseriesSlice,
        _ => throw new FormatException($"Unknown workload '{value}' (write, read, mixed, timeseries-slice)"),
    };

    private static KeyDistribution ParseDistribution(string value) => value.ToLowerInvariant() switch
    {
        "uniform" => KeyDistribution.Uniform,
        "zipf" or "zipfian" => KeyDistribution.Zipf,
        _ => throw new FormatException($"Unknown distribution '{value}' (uniform, zipf)"),
    };

    private static CqlCompression ParseCompression(string value) => value.ToLowerInvariant() switch
    {
        "none" => CqlCompression.None,
        "lz4" => CqlCompression.Lz4,
        "snappy" => CqlCompression.Snappy,
        _ => throw new FormatException($"Unknown compression '{value}' (none, lz4, snappy)"),
    };

    private static ConsistencyLevel ParseConsistency(string value)
    {
        for (var level = ConsistencyLevel.Any; level <= ConsistencyLevel.LocalOne; level++)
        {
            if (string.Equals(level.ToCqlName(), value, StringComparison.OrdinalIgnoreCase))
                return level;
        }
        throw new FormatException($"Unknown consistency level '{value}'");
    }

    private static string ParseIdentifier(string value)
    {
        if (value.Length == 0 || value.Length > 48 || !char.IsAsciiLetter(value[0]))
            throw new FormatException($"Invalid keyspace name '{value}'");
        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                throw new FormatException($"Invalid keyspace name '{value}'");
        }
        return value;
    }

    /// <summary>"write=1,read=3" (cassandra-stress style) or "1:3" (writes:reads).</summary>
    private static StressOptions ParseRatio(StressOptions options, string value)
    {
        int write = 0, read = 0;
        if (value.Contains(':', StringComparison.Ordinal) && !value.Contains('=', StringComparison.Ordinal))
        {
            var parts = value.Split(':');
            if (parts.Length != 2)
                throw new FormatException($"Invalid --ratio '{value}'");
            write = ParseInt("--ratio", parts[0], 0, 1000);
            read = ParseInt("--ratio", parts[1], 0, 1000);
        }
        else
        {
            foreach (string part in value.Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pair = part.Split('=');
                if (pair.Length != 2)
                    throw new FormatException($"Invalid --ratio '{value}'");
                int weight = ParseInt("--ratio", pair[1], 0, 1000);
                switch (pair[0].ToLowerInvariant())
                {
                    case "write" or "insert": write = weight; break;
                    case "read" or "select" or "slice": read = weight; break;
                    default: throw new FormatException($"Unknown operation '{pair[0]}' in --ratio");
                }
            }
        }
        if (write + read == 0)
            throw new FormatException("--ratio needs a positive weight");
        return options with { WriteRatio = write, ReadRatio = read };
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) && result >= min && result <= max
            ? result
            : throw new FormatException($"{name} must be an integer in [{min}, {max}], got '{value}'");

    private static long ParseLong(string name, string value, long min)
    {
        string digits = value.Replace("_", "", StringComparison.Ordinal);
        long multiplier = 1;
        if (digits.EndsWith('k') || digits.EndsWith('K')) { multiplier = 1_000; digits = digits[..^1]; }
        else if (digits.EndsWith('m') || digits.EndsWith('M')) { multiplier = 1_000_000; digits = digits[..^1]; }
        return long.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out long result) && result * multiplier >= min
            ? result * multiplier
            : throw new FormatException($"{name} must be an integer >= {min}, got '{value}'");
    }

    private static double ParseDouble(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double result) && result >= min && result <= max
            ? result
            : throw new FormatException($"{name} must be a number in [{min}, {max}], got '{value}'");

    /// <summary>"30s", "500ms", "2m", "1h" or a plain number of seconds.</summary>
    public static TimeSpan ParseDuration(string name, string value, bool allowZero = false)
    {
        string text = value.Trim().ToLowerInvariant();
        double scale = 1;
        if (text.EndsWith("ms", StringComparison.Ordinal)) { scale = 0.001; text = text[..^2]; }
        else if (text.EndsWith('s')) { text = text[..^1]; }
        else if (text.EndsWith('m')) { scale = 60; text = text[..^1]; }
        else if (text.EndsWith('h')) { scale = 3600; text = text[..^1]; }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) || amount < 0 || (!allowZero && amount == 0)
            || amount * scale > TimeSpan.FromDays(7).TotalSeconds)
            throw new FormatException($"{name} must be a duration such as 30s, 500ms, 2m, got '{value}'");
        return TimeSpan.FromSeconds(amount * scale);
    }
}
