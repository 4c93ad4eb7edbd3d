using System.Diagnostics;
using Sibyl.Storage.Tables;

namespace Sibyl.StorageBench;

/// <summary>
/// Point reads with the data only in SSTables: N narrow rows (full: 10,000,000) are written and flushed with
/// automatic compaction off (so the SSTable count is what the flushes made), then one thread reads random
/// keys. Each read goes through the table's merged read path (bloom filters, index summary, index, data block).
/// </summary>
internal sealed class PointReadScenario : Scenario
{
    private static readonly Guid TableId = new("5b1b0000-0000-0000-0000-000000000002");

    public override string Name => "point-read";

    public override async Task<ScenarioResult> RunAsync(BenchOptions options, string directory)
    {
        long count = options.Scaled(10_000_000, 10_000);
        int reads = (int)options.Scaled(200_000, 10_000);
        var rows = new NarrowRows(TableId, options.Seed);
        await using var engine = BenchEngine.Create(directory, options.SyncMode);
        var store = BenchEngine.AddTable(engine, TableId, NarrowRows.Comparator, "point_read", TableStoreOptions.Default);
        store.AutoCompactionEnabled = false;
        await engine.StartAsync();

        var clock = Stopwatch.StartNew();
        await new NarrowLoad(rows, m => BenchEngine.Apply(engine, m)).RunAsync(count, options.Threads, options.Seed);
        await engine.FlushAsync(TableId);
        var loadTime = clock.Elapsed;
        if (store.MemtableDataSize != 0) throw new InvalidOperationException("data left in memtables after the flush");

        var random = new Random(options.Seed + 1);
        int now = BenchEngine.NowInSeconds();
        int warmUp = Math.Min(2_000, reads / 10);
        for (int i = 0; i < warmUp; i++) store.Read(rows.Read(random.NextInt64(count), now));

        var latencies = new LatencyRecorder(reads);
        var metrics = new ReadMetrics();
        long blocksBefore = store.LiveSSTables.Sum(s => s.BlockReads);
        long sstablesRead = 0;
        int missing = 0;
        clock.Restart();
        for (int i = 0; i < reads; i++)
        {
            var command = rows.Read(random.NextInt64(count), now);
            long start = Stopwatch.GetTimestamp();
            var result = store.Read(command, metrics);
            latencies.Record(i, Stopwatch.GetTimestamp() - start);
            sstablesRead += metrics.SSTablesRead;
            if (!NarrowRows.IsComplete(result, now)) missing++;
        }
        var elapsed = clock.Elapsed;
        long blocks = store.LiveSSTables.Sum(s => s.BlockReads) - blocksBefore;
        var summary = latencies.Summarize(reads);

        return new ScenarioResult(Name, options.CommandFor(Name))
            .Add("rows", count)
            .Add("load", loadTime.TotalSeconds, "s")
            .Add("sstables", store.LiveSSTables.Count)
            .Add("sstable_mib", BenchEngine.Megabytes(store.LiveDiskSpaceUsed), "MiB")
            .Add("reads", reads)
            .Add("rate", reads / elapsed.TotalSeconds, "reads/s")
            .Add("read_", summary)
            .Add("read_mean", summary.MeanMicros, "us")
            .Add("sstables_per_read", sstablesRead / (double)reads)
            .Add("blocks_per_read", blocks / (double)reads)
            .AddCheck("missing", missing);
    }
}
