using System.Diagnostics;
using Sibyl.Storage.Tables;

namespace Sibyl.StorageBench;

/// <summary>
/// Sustained writes of N narrow rows (full: 10,000,000 × ~200 bytes) through the engine, with the default
/// 64 MiB memtable so flushes (and size-tiered compactions) run in the background while writers go on.
/// Reports rows/s and each write's latency (ApplyAsync until acknowledged), then checks a sample is readable.
/// </summary>
internal sealed class WriteScenario : Scenario
{
    private static readonly Guid TableId = new("5b1b0000-0000-0000-0000-000000000001");

    public override string Name => "write";

    public override async Task<ScenarioResult> RunAsync(BenchOptions options, string directory)
    {
        long count = options.Scaled(10_000_000, 10_000);
        var rows = new NarrowRows(TableId, options.Seed);
        await using var engine = BenchEngine.Create(directory, options.SyncMode);
        var store = BenchEngine.AddTable(engine, TableId, NarrowRows.Comparator, "write", TableStoreOptions.Default);
        await engine.StartAsync();

        var latencies = new LatencyRecorder(count);
        var load = new NarrowLoad(rows, m => BenchEngine.Apply(engine, m)) { Latencies = latencies };
        var gcBefore = BenchEngine.Collections();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await load.RunAsync(count, options.Threads, options.Seed);
        var elapsed = clock.Elapsed;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gcAfter = BenchEngine.Collections();
        long switches = store.GetStats().MemtableSwitchCount;

        clock.Restart();
        await engine.FlushAsync(TableId);
        var finalFlush = clock.Elapsed;
        var random = new Random(options.Seed);
        int missing = BenchEngine.CountMissing(engine, rows, 1000, () => random.NextInt64(count));
        var summary = latencies.Summarize(count);

        return new ScenarioResult(Name, options.CommandFor(Name))
            .Add("rows", count)
            .Add("threads", options.Threads)
            .Add("seconds", elapsed.TotalSeconds, "s")
            .Add("rate", count / elapsed.TotalSeconds, "rows/s")
            .Add("payload", BenchEngine.Megabytes(count * NarrowRows.PayloadBytes) / elapsed.TotalSeconds, "MiB/s")
            .Add("write_", summary)
            .Add("write_mean", summary.MeanMicros, "us")
            .Add("flushes_during_writes", switches)
            .Add("final_flush", finalFlush.TotalSeconds, "s")
            .Add("sstables", store.LiveSSTables.Count)
            .Add("allocated_per_write", allocated / (double)count, "B")
            .Add("gc0", gcAfter.Gen0 - gcBefore.Gen0)
            .Add("gc1", gcAfter.Gen1 - gcBefore.Gen1)
            .Add("gc2", gcAfter.Gen2 - gcBefore.Gen2)
            .Add("peak_rss", BenchEngine.Megabytes(RssSampler.ReadStatusBytes("VmHWM:")), "MiB")
            .AddCheck("missing_of_1000_sampled", missing);
    }
}
