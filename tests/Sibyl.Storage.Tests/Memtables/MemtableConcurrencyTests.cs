using Sibyl.Data.Model;
using Sibyl.Storage.Memtables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.Memtables;

/// <summary>The concurrent memtable: many writers and readers at once lose nothing, keep order and isolation.</summary>
public sealed class MemtableConcurrencyTests
{
    [Fact]
    public async Task ConcurrentWritersAndReadersSeeEveryRowInOrder()
    {
        var memtable = new Memtable(Comparator(false));
        const int Writers = 4, PerWriter = 5_000, Partitions = 200;
        using var done = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            int scans = 0;
            do
            {
                // Every scan sees partitions in token order and each partition's rows in clustering order.
                DecoratedKeyOrder(memtable);
                var single = memtable.GetUnfiltered(Key(scans % Partitions), ClusteringIndexFilter.All);
                if (single is not null) AssertAscending([.. single.Rows(Slice.All, false)]);
                scans++;
            }
            while (!done.IsCancellationRequested);
            return scans;
        })).ToArray();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (int i = 0; i < PerWriter; i++)
            {
                int n = w * PerWriter + i;
                memtable.Apply(UpdateOf(n % Partitions, Insert(Ck(n), n, 10)));
                // Every writer also overwrites a shared row: merges under contention.
                memtable.Apply(UpdateOf(0, Update(Ck(-1), n, n)));
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await done.CancelAsync();
        foreach (var r in readers) Assert.True(await r > 0);

        Assert.Equal(Partitions, memtable.PartitionCount);
        var all = memtable.Scan(null, null, static _ => ClusteringIndexFilter.All).ToList();
        Assert.Equal(Partitions, all.Count);
        int rows = all.Sum(p => p.Rows(Slice.All, false).Count());
        Assert.Equal(Writers * PerWriter + 1, rows);
        var shared = memtable.GetUnfiltered(Key(0), ClusteringIndexFilter.All)!.Rows(Slice.All, false).First();
        Assert.Equal(I(Writers * PerWriter - 1), shared.Cells.Single().Value); // highest timestamp wins
        Assert.Equal(Writers * PerWriter, shared.Cells.Single().Timestamp + 1);
    }

    [Fact]
    public async Task PartitionUpdatesAreIsolated()
    {
        // Each update writes the same value to two rows of one partition: a reader never sees them differ.
        var memtable = new Memtable(Comparator(false));
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            int torn = 0, reads = 0;
            do
            {
                var p = memtable.GetUnfiltered(Key(1), ClusteringIndexFilter.All);
                if (p is null) continue; // before the first write (continue re-tests the loop condition)
                var rows = p.Rows(Slice.All, false).ToList();
                if (rows.Count == 2 && !rows[0].Cells[0].Value.AsSpan().SequenceEqual(rows[1].Cells[0].Value)) torn++;
                reads++;
            }
            while (!done.IsCancellationRequested);
            return (torn, reads);
        });
        await Task.Run(() =>
        {
            for (int i = 1; i <= 20_000; i++) memtable.Apply(UpdateOf(1, Update(Ck(1), i, i), Update(Ck(2), i, i)));
        });
        await done.CancelAsync();
        var (tornReads, total) = await reader;
        Assert.True(total > 0);
        Assert.Equal(0, tornReads);
    }

    [Fact]
    public void RangeScanSeeksToItsStart()
    {
        var memtable = new Memtable(Comparator(false));
        for (int pk = 0; pk < 1000; pk++) memtable.Apply(UpdateOf(pk, Insert(Ck(1), pk, 1)));
        var keys = memtable.Scan(null, null, static _ => ClusteringIndexFilter.All).Select(p => p.Key).ToList();
        var start = keys[400];
        var end = keys[409];
        var from = new Data.Model.PartitionPosition(start.Token, start.Key, Inclusive: false);
        var to = new Data.Model.PartitionPosition(end.Token, end.Key, Inclusive: true);
        var range = memtable.Scan(from, to, static _ => ClusteringIndexFilter.All).Select(p => p.Key).ToList();
        Assert.Equal(keys[401..410], range);
        var command = new PartitionRangeReadCommand(TableId, from, to, ClusteringIndexFilter.All, new DataLimits(5, DataLimits.NoLimit), Now);
        Assert.Equal(keys[401..406], memtable.Read(command).Select(p => p.Key).ToList());
    }

    private static void DecoratedKeyOrder(Memtable memtable)
    {
        Data.Partitioning.DecoratedKey? previous = null;
        foreach (var p in memtable.Scan(null, null, static _ => ClusteringIndexFilter.All))
        {
            if (previous is not null) Assert.True(previous.CompareTo(p.Key) < 0);
            previous = p.Key;
        }
    }

    private static void AssertAscending(List<Row> rows)
    {
        var comparator = Comparator(false);
        for (int i = 1; i < rows.Count; i++) Assert.True(comparator.Compare(rows[i - 1].Clustering, rows[i].Clustering) < 0);
    }
}
