using Sibyl.Data.Model;
using Sibyl.Storage.Memtables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.Memtables;

/// <summary>Rows kept serialized in the memtable's slabs read back exactly as merged, whatever their shape history.</summary>
public class MemtableSlabTests
{
    private static PartitionData Read(Memtable memtable, int pk) =>
        Assert.Single(memtable.Read(new SinglePartitionReadCommand(TableId, Key(pk), ClusteringIndexFilter.All, DataLimits.None, Now)));

    private static Row Cells(int ck, long ts, params (string Column, byte[] Value)[] cells) =>
        Row.Create(Ck(ck), LivenessInfo.Create(ts, LivenessInfo.NoTtl, Now), DeletionTime.Live,
            [.. cells.Select(c => Cell.Live(c.Column, c.Value, ts))]);

    [Fact]
    public void RowsThatGrowShrinkAndGrowReadBackAsMerged()
    {
        var memtable = new Memtable(Comparator(false));
        memtable.Apply(UpdateOf(1, Cells(1, 1, ("a", [1]))));
        memtable.Apply(UpdateOf(1, Cells(1, 2, ("b", new byte[300]))));            // grows: new slab space
        memtable.Apply(UpdateOf(1, Cells(1, 3, ("b", [7]))));                      // shrinks: in place
        memtable.Apply(UpdateOf(1, Cells(1, 4, ("c", new byte[5000]), ("a", [9])))); // grows again
        var row = Assert.Single(Read(memtable, 1).Rows);
        Assert.Equal(["a", "b", "c"], row.Cells.Select(c => c.Column));
        Assert.Equal([9], row.Cells[0].Value);
        Assert.Equal(4, row.Cells[0].Timestamp);
        Assert.Equal([7], row.Cells[1].Value);
        Assert.Equal(5000, row.Cells[2].Value.Length);
        Assert.Equal(4, row.PrimaryKeyLiveness.Timestamp);
    }

    [Fact]
    public void ColumnNamesComeBackAsTheInstancesWritten()
    {
        var memtable = new Memtable(Comparator(false));
        string name = new(['v', 'a', 'l']);
        memtable.Apply(UpdateOf(1, Cells(1, 1, (name, [1]))));
        Assert.Same(name, Assert.Single(Assert.Single(Read(memtable, 1).Rows).Cells).Column);
    }

    [Fact]
    public void StaticRowsAndElementCellsSurviveOverwrites()
    {
        var memtable = new Memtable(Comparator(false));
        memtable.Apply(UpdateOf(1, Static(1, 1)));
        memtable.Apply(UpdateOf(1, Static(2, 2), Cells(5, 2, ("x", [1]))));
        var element = Row.Create(Ck(5), LivenessInfo.Empty, DeletionTime.Live,
            [Cell.Live("m", [4], 3, path: [0, 1]), Cell.Live("m", [5], 3, path: [0, 2])],
            [new ComplexDeletion("m", new DeletionTime(2, Now))]);
        memtable.Apply(UpdateOf(1, element));
        var partition = Read(memtable, 1);
        Assert.Equal(I(2), Assert.Single(partition.StaticRow!.Cells).Value);
        var row = Assert.Single(partition.Rows);
        Assert.Equal([[0, 1], [0, 2], null], row.Cells.Select(c => c.Path)); // "m" sorts before "x"
        Assert.Equal(new DeletionTime(2, Now), Assert.Single(row.ComplexDeletions).Deletion);
    }

    [Fact]
    public void ALargeRowGetsSpaceOfItsOwnAndReadsBack()
    {
        var memtable = new Memtable(Comparator(false));
        var big = new byte[1 << 20];
        new Random(7).NextBytes(big);
        memtable.Apply(UpdateOf(1, Cells(1, 1, ("blob", big))));
        Assert.Equal(big, Assert.Single(Assert.Single(Read(memtable, 1).Rows).Cells).Value);
        Assert.True(memtable.HeapSize >= big.Length);
    }

    [Fact]
    public async Task ConcurrentOverwritesOfChangingSizeAreNeverSeenTorn()
    {
        // Writers overwrite a few rows with values of one repeated byte and a changing length (in place when it
        // fits, moved when it grows); readers must always see a whole value: one byte repeated, at its length.
        var memtable = new Memtable(Comparator(false));
        const int Partitions = 8;
        for (int pk = 0; pk < Partitions; pk++) memtable.Apply(UpdateOf(pk, Cells(1, 1, ("v", [0]))));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        long reads = 0;
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            var random = new Random(w);
            long ts = 2;
            while (!stop.IsCancellationRequested)
            {
                byte b = (byte)random.Next(1, 255);
                var value = Enumerable.Repeat(b, random.Next(1, 400)).ToArray();
                memtable.Apply(UpdateOf(random.Next(Partitions), Cells(1, Interlocked.Increment(ref ts) + w * 1_000_000_000L, ("v", value))));
            }
        })).ToList();
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(100 + r);
            while (!stop.IsCancellationRequested)
            {
                var value = Assert.Single(Assert.Single(Read(memtable, random.Next(Partitions)).Rows).Cells).Value;
                Assert.True(value.Length > 0 && value.All(x => x == value[0]), "a torn value");
                Interlocked.Increment(ref reads);
            }
        })).ToList();
        await Task.WhenAll([.. writers, .. readers]);
        Assert.True(Interlocked.Read(ref reads) > 100);
    }
}
