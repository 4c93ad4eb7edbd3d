using System.Diagnostics;
using Sibyl.Storage.Tables;

namespace Sibyl.StorageBench;

/// <summary>
/// Resident memory while a large volume is written (full: 10 GiB of row payload, ~54 million narrow rows) with
/// the node's defaults: 64 MiB memtable, background flushes, size-tiered compaction, commit log segments freed
/// as flushes cover them. VmRSS is sampled every second; memory is bounded if the second half of the run peaks
/// no higher than the first half did (plus what bloom filters and index summaries grow by).
/// </summary>
internal sealed class MemoryScenario : Scenario
{
    private static readonly Guid TableId = new("5b1b0000-0000-0000-0000-000000000006");

    public override string Name => "memory";

    public override async Task<ScenarioResult> RunAsync(BenchOptions options, string directory)
    {
        long targetBytes = options.Scaled(10L << 30, 64L << 20);
        var rows = new NarrowRows(TableId, options.Seed);
        await using var engine = BenchEngine.Create(directory, options.SyncMode);
        var store = BenchEngine.AddTable(engine, TableId, NarrowRows.Comparator, "memory", TableStoreOptions.Default);
        await engine.StartAsync();

        var load = new NarrowLoad(rows, m => BenchEngine.Apply(engine, m));
        var clock = Stopwatch.StartNew();
        IReadOnlyList<RssSample> samples;
        using (var sampler = new RssSampler(() => load.BytesWritten, TimeSpan.FromSeconds(1)))
        {
            await load.RunAsync(long.MaxValue, options.Threads, options.Seed, () => load.BytesWritten >= targetBytes);
            samples = sampler.Stop();
        }
        var elapsed = clock.Elapsed;
        var stats = store.GetStats();
        long written = load.BytesWritten;

        long firstHalfPeak = 0, secondHalfPeak = 0, peak = 0;
        foreach (var s in samples)
        {
            peak = Math.Max(peak, s.RssBytes);
            if (s.WrittenBytes <= written / 2) firstHalfPeak = Math.Max(firstHalfPeak, s.RssBytes);
            else secondHalfPeak = Math.Max(secondHalfPeak, s.RssBytes);
        }
        var random = new Random(options.Seed);
        int missing = BenchEngine.CountMissing(engine, rows, 1000, () => random.NextInt64(load.RowsWritten));

        return new ScenarioResult(Name, options.CommandFor(Name))
            {
                Samples = samples,
            }
            .Add("written", BenchEngine.Megabytes(written), "MiB")
            .Add("rows", load.RowsWritten)
            .Add("seconds", elapsed.TotalSeconds, "s")
            .Add("rate", load.RowsWritten / elapsed.TotalSeconds, "rows/s")
            .Add("samples", samples.Count)
            .Add("peak_rss", BenchEngine.Megabytes(peak), "MiB")
            .Add("peak_rss_first_half", BenchEngine.Megabytes(firstHalfPeak), "MiB")
            .Add("peak_rss_second_half", BenchEngine.Megabytes(secondHalfPeak), "MiB")
            .Add("final_rss", BenchEngine.Megabytes(samples[^1].RssBytes), "MiB")
            .Add("final_managed_heap", BenchEngine.Megabytes(samples[^1].ManagedHeapBytes), "MiB")
            .Add("flushes", stats.MemtableSwitchCount)
            .Add("sstables", stats.SSTableCount)
            .Add("sstable_mib", BenchEngine.Megabytes(stats.SpaceUsedLive), "MiB")
            .Add("compacted_mib", BenchEngine.Megabytes(store.CompactedBytesWritten), "MiB")
            .Add("commitlog_segments", engine.CommitLog.SegmentFileNames.Count)
            .AddCheck("missing_of_1000_sampled", missing);
    }
}
