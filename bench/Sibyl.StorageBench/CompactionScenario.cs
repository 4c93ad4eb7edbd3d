using System.Diagnostics;
using Sibyl.Storage.Tables;

namespace Sibyl.StorageBench;

/// <summary>
/// A major compaction (nodetool compact) of eight SSTables of narrow rows (full: 4,000,000 rows written, in
/// eight flushed rounds; every fifth row of a round overwrites a row of the previous round with a newer
/// timestamp, so the merge reconciles). Unthrottled. Reports read and write throughput as Cassandra's
/// compaction log line does, and checks the output holds exactly the distinct partitions written.
/// </summary>
internal sealed class CompactionScenario : Scenario
{
    private static readonly Guid TableId = new("5b1b0000-0000-0000-0000-000000000005");
    private const int Rounds = 8;

    public override string Name => "compaction";

    public override async Task<ScenarioResult> RunAsync(BenchOptions options, string directory)
    {
        long chunk = options.Scaled(4_000_000, 40_000) / Rounds / 5 * 5;
        var rows = new NarrowRows(TableId, options.Seed);
        await using var engine = BenchEngine.Create(directory, options.SyncMode);
        var store = BenchEngine.AddTable(engine, TableId, NarrowRows.Comparator, "compaction",
            TableStoreOptions.Default with { MemtableFlushThresholdBytes = long.MaxValue });
        store.AutoCompactionEnabled = false;
        await engine.StartAsync();

        long baseTimestamp = BenchEngine.NowMicros();
        var clock = Stopwatch.StartNew();
        for (int round = 0; round < Rounds; round++)
        {
            long r = round;
            var load = new NarrowLoad(rows, m => BenchEngine.Apply(engine, m))
            {
                // Row j of round r > 0: every fifth overwrites key j + 1 of round r - 1, which that round wrote as a new key.
                KeyOf = j => r > 0 && j % 5 == 0 ? (r - 1) * chunk + j + 1 : r * chunk + j,
                BaseTimestamp = baseTimestamp + r * chunk,
            };
            await load.RunAsync(chunk, options.Threads, options.Seed + round);
            await engine.FlushAsync(TableId);
        }
        var loadTime = clock.Elapsed;
        var inputs = store.LiveSSTables;
        if (inputs.Count != Rounds) throw new InvalidOperationException($"expected {Rounds} SSTables, found {inputs.Count}");
        long inputBytes = inputs.Sum(s => s.DataSize);
        long inputUncompressed = inputs.Sum(s => s.Statistics.UncompressedSize);
        long inputPartitions = inputs.Sum(s => s.Statistics.PartitionCount);

        var gcBefore = BenchEngine.Collections();
        clock.Restart();
        await store.CompactAsync();
        var elapsed = clock.Elapsed;
        var gcAfter = BenchEngine.Collections();
        var outputs = store.LiveSSTables;
        long outputBytes = outputs.Sum(s => s.DataSize);
        long outputPartitions = outputs.Sum(s => s.Statistics.PartitionCount);
        long expected = chunk + (Rounds - 1) * (chunk - chunk / 5);
        if (outputPartitions != expected)
            throw new InvalidOperationException($"compaction kept {outputPartitions} partitions, {expected} distinct were written");
        var random = new Random(options.Seed);
        // Sampled over the keys of the first round, which every overwrite falls into or after.
        int missing = BenchEngine.CountMissing(engine, rows, 1000, () => random.NextInt64(chunk));

        return new ScenarioResult(Name, options.CommandFor(Name))
            .Add("sstables_in", inputs.Count)
            .Add("sstables_out", outputs.Count)
            .Add("load", loadTime.TotalSeconds, "s")
            .Add("input", BenchEngine.Megabytes(inputBytes), "MiB")
            .Add("input_uncompressed", BenchEngine.Megabytes(inputUncompressed), "MiB")
            .Add("output", BenchEngine.Megabytes(outputBytes), "MiB")
            .Add("partitions_in", inputPartitions)
            .Add("partitions_out", outputPartitions)
            .Add("seconds", elapsed.TotalSeconds, "s")
            .Add("read_throughput", BenchEngine.Megabytes(inputBytes) / elapsed.TotalSeconds, "MiB/s")
            .Add("write_throughput", BenchEngine.Megabytes(outputBytes) / elapsed.TotalSeconds, "MiB/s")
            .Add("partitions_rate", inputPartitions / elapsed.TotalSeconds, "partitions/s")
            .Add("gc2", gcAfter.Gen2 - gcBefore.Gen2)
            .AddCheck("missing_of_1000_sampled", missing);
    }
}
