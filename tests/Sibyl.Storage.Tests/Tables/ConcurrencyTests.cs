using Sibyl.Storage.Tables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.Tables;

/// <summary>Writes, reads, flushes and compactions at the same time: nothing is lost, nothing blocks for long.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task WritesReadsFlushesAndCompactionsInterleave()
    {
        using var dir = new TempDirectory();
        var options = TableStoreOptions.Default with
        {
            MemtableFlushThresholdBytes = 20_000,
            Compaction = new Dictionary<string, string> { ["class"] = "SizeTieredCompactionStrategy", ["min_threshold"] = "2" },
        };
        await using var store = new TableStore("ks", "t", TableId, Comparator(false), options, dir.Path);
        const int Writers = 3, PerWriter = 3_000;
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            int reads = 0;
            while (!done.IsCancellationRequested)
            {
                store.Read(ReadPartition(reads++ % 20));
                store.Read(new Sibyl.Data.Model.PartitionRangeReadCommand(TableId, null, null, Sibyl.Data.Model.ClusteringIndexFilter.All,
                    new Sibyl.Data.Model.DataLimits(50, Sibyl.Data.Model.DataLimits.NoLimit), Now));
            }
            return reads;
        });
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (int i = 0; i < PerWriter; i++)
                store.Apply(UpdateOf(i % 20, Insert(Ck(w * PerWriter + i), i, 10)), new CommitLogPosition(1, w * PerWriter + i));
        })).ToArray();
        await Task.WhenAll(writers);
        await store.FlushAsync();
        await done.CancelAsync();
        Assert.True(await reader > 0);
        Assert.NotEmpty(store.LiveSSTables);
        int rows = 0;
        for (int pk = 0; pk < 20; pk++) rows += store.Read(ReadPartition(pk)).Sum(p => p.Rows.Count);
        Assert.Equal(Writers * PerWriter, rows);
        await store.CompactAsync();
        Assert.Single(store.LiveSSTables);
        rows = 0;
        for (int pk = 0; pk < 20; pk++) rows += store.Read(ReadPartition(pk)).Sum(p => p.Rows.Count);
        Assert.Equal(Writers * PerWriter, rows);
    }
}
