namespace Sibyl.StorageBench;

/// <summary>One named benchmark scenario; each runs in its own fresh directory.</summary>
internal abstract class Scenario
{
    public static readonly string[] Names = ["write", "point-read", "wide-slice", "replay", "compaction", "memory"];

    public abstract string Name { get; }

    /// <param name="directory">An empty directory the scenario owns (data and commit log go below it).</param>
    public abstract Task<ScenarioResult> RunAsync(BenchOptions options, string directory);

    public static Scenario Create(string name) => name switch
    {
        "write" => new WriteScenario(),
        "point-read" => new PointReadScenario(),
        "wide-slice" => new WideSliceScenario(),
        "replay" => new ReplayScenario(),
        "compaction" => new CompactionScenario(),
        "memory" => new MemoryScenario(),
        _ => throw new ArgumentException("unknown scenario " + name, nameof(name)),
    };
}
