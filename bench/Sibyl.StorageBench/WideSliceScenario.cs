using System.Buffers.Binary;
using System.Diagnostics;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Storage.Tables;

namespace Sibyl.StorageBench;

/// <summary>
/// 100-row slices out of one wide partition (full: 1,000,000 rows, int clustering, a 100-byte cell each),
/// flushed to a single SSTable. One thread reads slices [s, s+99] at random s and counts the data blocks
/// each slice reads: the row index should keep that to the one or two blocks holding the slice.
/// </summary>
internal sealed class WideSliceScenario : Scenario
{
    private static readonly Guid TableId = new("5b1b0000-0000-0000-0000-000000000003");
    private const int SliceRows = 100;
    private const int ValueSize = 100;
    private const int RowsPerMutation = 1000;

    public override string Name => "wide-slice";

    public override async Task<ScenarioResult> RunAsync(BenchOptions options, string directory)
    {
        int count = (int)options.Scaled(1_000_000, 10_000);
        int slices = (int)options.Scaled(20_000, 1_000);
        var comparator = new ClusteringComparator([CqlType.Int], [false]);
        await using var engine = BenchEngine.Create(directory, options.SyncMode);
        // One memtable holds the whole partition, so it flushes as one SSTable.
        var store = BenchEngine.AddTable(engine, TableId, comparator, "wide",
            TableStoreOptions.Default with { MemtableFlushThresholdBytes = long.MaxValue });
        store.AutoCompactionEnabled = false;
        await engine.StartAsync();

        var key = NarrowRows.Key(1);
        var pool = new byte[1 << 20];
        new Random(options.Seed).NextBytes(pool);
        long timestamp = BenchEngine.NowMicros();
        var clock = Stopwatch.StartNew();
        for (int first = 0; first < count; first += RowsPerMutation)
        {
            var mutation = new Mutation(BenchEngine.Keyspace, key);
            var update = mutation.GetOrAdd(TableId);
            for (int c = first; c < Math.Min(count, first + RowsPerMutation); c++)
            {
                var value = pool.AsSpan(c * 37 % (pool.Length - ValueSize), ValueSize).ToArray();
                update.Add(Row.Create(new Clustering([IntBytes(c)]), LivenessInfo.Create(timestamp, LivenessInfo.NoTtl, 0),
                    DeletionTime.Live, [Cell.Live("v", value, timestamp)]));
            }
            BenchEngine.Apply(engine, mutation);
        }
        await engine.FlushAsync(TableId);
        var loadTime = clock.Elapsed;
        if (store.LiveSSTables.Count != 1) throw new InvalidOperationException($"expected one SSTable, found {store.LiveSSTables.Count}");
        var sstable = store.LiveSSTables[0];

        var random = new Random(options.Seed + 2);
        int now = BenchEngine.NowInSeconds();
        for (int i = 0; i < Math.Min(500, slices / 10); i++) store.Read(SliceAt(key, random.Next(count - SliceRows + 1), now));

        var latencies = new LatencyRecorder(slices);
        var blocksPerSlice = new long[slices];
        int wrong = 0;
        clock.Restart();
        for (int i = 0; i < slices; i++)
        {
            int start = random.Next(count - SliceRows + 1);
            var command = SliceAt(key, start, now);
            long blocksBefore = sstable.BlockReads;
            long begin = Stopwatch.GetTimestamp();
            var result = store.Read(command);
            latencies.Record(i, Stopwatch.GetTimestamp() - begin);
            blocksPerSlice[i] = sstable.BlockReads - blocksBefore;
            if (result.Count != 1 || result[0].Rows.Count != SliceRows || BinaryPrimitives.ReadInt32BigEndian(result[0].Rows[0].Clustering[0]) != start) wrong++;
        }
        var elapsed = clock.Elapsed;
        var summary = latencies.Summarize(slices);
        Array.Sort(blocksPerSlice);

        return new ScenarioResult(Name, options.CommandFor(Name))
            .Add("partition_rows", count)
            .Add("load", loadTime.TotalSeconds, "s")
            .Add("sstable_mib", BenchEngine.Megabytes(sstable.OnDiskSize), "MiB")
            .Add("slices", slices)
            .Add("rate", slices / elapsed.TotalSeconds, "slices/s")
            .Add("slice_", summary)
            .Add("blocks_per_slice_mean", blocksPerSlice.Average())
            .Add("blocks_per_slice_max", blocksPerSlice[^1])
            .AddCheck("wrong_slices", wrong);
    }

    private static byte[] IntBytes(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static SinglePartitionReadCommand SliceAt(DecoratedKey key, int start, int now)
    {
        var slice = new Slice(new ClusteringBound([IntBytes(start)], true), new ClusteringBound([IntBytes(start + SliceRows - 1)], true));
        return new SinglePartitionReadCommand(TableId, key, new ClusteringIndexFilter([slice], false), new DataLimits(SliceRows, DataLimits.NoLimit), now);
    }
}
