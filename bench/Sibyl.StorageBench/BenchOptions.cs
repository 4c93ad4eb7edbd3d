using System.Globalization;
using Sibyl.Storage.CommitLog;

namespace Sibyl.StorageBench;

/// <summary>The command line: which scenarios, at what fraction of their full size, and how results are printed.</summary>
internal sealed record BenchOptions
{
    /// <summary>The CI-sized run: 1% of every scenario's full size.</summary>
    public const double SmallScale = 0.01;

    public IReadOnlyList<string> Scenarios { get; init; } = [];
    public string ScaleText { get; init; } = "small";
    public double Scale { get; init; } = SmallScale;
    public int Threads { get; init; } = 2;
    public int Seed { get; init; } = 42;
    public CommitLogSyncMode SyncMode { get; init; } = CommitLogSyncMode.Periodic;
    public bool Json { get; init; }
    public string? JsonFile { get; init; }
    public bool Keep { get; init; }
    public string? BaseDirectory { get; init; }

    public const string Usage = """
        Sibyl storage benchmarks: drive StorageEngine directly (no network) in a temporary directory.
        usage: dotnet run -c Release --project bench/Sibyl.StorageBench -- [options]
          --scenario NAME[,NAME]  write, point-read, wide-slice, replay, compaction, memory, or all (default all)
          --scale S               small (0.01, CI-sized), full (1.0), or a fraction of the full size (default small)
          --threads N             writer threads for write and memory (default 2)
          --sync MODE             commitlog_sync for write and memory: periodic, batch, group (default periodic)
          --seed N                random seed (default 42)
          --dir PATH              parent of the temporary data directory (default the system temp directory)
          --keep                  keep the data directory afterwards
          --json                  print one JSON object per scenario instead of a text line
          --json-out FILE         also append each scenario's JSON object to FILE (one per line)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        string scenarios = "all";
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("missing value after " + arg);
            switch (arg)
            {
                case "--scenario": scenarios = Value(); break;
                case "--scale":
                {
                    string text = Value();
                    double scale = text switch
                    {
                        "small" => SmallScale,
                        "full" => 1.0,
                        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 && s <= 1
                            ? s
                            : throw new ArgumentException("--scale takes small, full or a fraction in (0, 1]: " + text),
                    };
                    options = options with { Scale = scale, ScaleText = text };
                    break;
                }
                case "--threads": options = options with { Threads = PositiveInt(arg, Value()) }; break;
                case "--seed": options = options with { Seed = PositiveInt(arg, Value()) }; break;
                case "--sync":
                    options = options with
                    {
                        SyncMode = Value() switch
                        {
                            "periodic" => CommitLogSyncMode.Periodic,
                            "batch" => CommitLogSyncMode.Batch,
                            "group" => CommitLogSyncMode.Group,
                            var other => throw new ArgumentException("unknown commitlog_sync mode " + other),
                        },
                    };
                    break;
                case "--dir": options = options with { BaseDirectory = Value() }; break;
                case "--keep": options = options with { Keep = true }; break;
                case "--json": options = options with { Json = true }; break;
                case "--json-out": options = options with { JsonFile = Value() }; break;
                default: throw new ArgumentException("unknown option " + arg);
            }
        }
        var names = scenarios == "all" ? Scenario.Names : scenarios.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
            if (!Scenario.Names.Contains(name)) throw new ArgumentException("unknown scenario " + name + " (known: " + string.Join(", ", Scenario.Names) + ")");
        return options with { Scenarios = names };
    }

    /// <summary>The command that runs <paramref name="scenario"/> alone with these settings.</summary>
    public string CommandFor(string scenario) =>
        $"dotnet run -c Release --project bench/Sibyl.StorageBench -- --scenario {scenario} --scale {ScaleText} --threads {Threads} " +
        $"--sync {SyncMode.ToString().ToLowerInvariant()} --seed {Seed}";

    /// <summary>A scenario's full-size count scaled down, never below <paramref name="minimum"/>.</summary>
    public long Scaled(long full, long minimum) => Math.Max(minimum, (long)Math.Round(full * Scale));

    private static int PositiveInt(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException(option + " takes a positive integer: " + text);
}
