using Sibyl.Data.Model;
using Sibyl.Storage.Memtables;
using Sibyl.Storage.SSTables;
using Sibyl.Storage.Tables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.Memtables;

/// <summary>
/// The memtable's merge on serialized rows writes exactly the bytes of the object merge (<see cref="Row.Merge"/>),
/// over random rows with clashing timestamps, tombstones, expiring cells, row deletions and liveness.
/// </summary>
public class SerializedRowMergeTests
{
    private static readonly string[] Columns = ["a", "b", "c", "d", "e"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomMergesMatchTheObjectMerge(int seed)
    {
        var random = new Random(seed);
        var names = new ColumnNameTable();
        for (int i = 0; i < 20_000; i++)
        {
            var clustering = random.Next(3) switch
            {
                0 => Clustering.StaticClustering,
                1 => Clustering.Empty,
                _ => Ck(random.Next(3)),
            };
            var stored = RandomRow(random, clustering, complex: false);
            var update = RandomRow(random, clustering, complex: false);
            var storedBytes = Serialize(stored, names);

            var merged = new ByteWriter(64);
            Assert.True(RowSerializer.TryMerge(merged, storedBytes, update, names));
            var reader = new ByteReader(storedBytes);
            var expected = Serialize(Row.Merge(RowSerializer.ReadRow(ref reader, names), update), names);
            Assert.Equal(expected, merged.ToArray());
        }
    }

    [Fact]
    public void ComplexColumnsAndCountersAreLeftToTheObjectMerge()
    {
        var names = new ColumnNameTable();
        var plain = new Row(Ck(1), LivenessInfo.Empty, DeletionTime.Live, [Cell.Live("a", [1], 1)]);
        var element = new Row(Ck(1), LivenessInfo.Empty, DeletionTime.Live, [Cell.Live("m", [], 1, path: [1])]);
        var complexDeletion = new Row(Ck(1), LivenessInfo.Empty, DeletionTime.Live, [],
            [new ComplexDeletion("m", new DeletionTime(1, Now))]);
        var counter = new Row(Ck(1), LivenessInfo.Empty, DeletionTime.Live, [Cell.Live("a", CounterContext.CreateUpdate(1), 1)]);
        foreach (var special in new[] { element, complexDeletion, counter })
        {
            Assert.False(RowSerializer.TryMerge(new ByteWriter(64), Serialize(plain, names), special, names));
            Assert.False(RowSerializer.TryMerge(new ByteWriter(64), Serialize(special, names), plain, names));
        }
    }

    [Fact]
    public void MemtableOverwritesOfEveryShapeReadBackAsTheObjectMerge()
    {
        var random = new Random(7);
        var memtable = new Memtable(Comparator(false));
        Row? expected = null;
        for (int i = 0; i < 500; i++)
        {
            var update = RandomRow(random, Ck(1), complex: random.Next(8) == 0);
            memtable.Apply(UpdateOf(1, update));
            expected = expected is null ? update : Row.Merge(expected, update);
        }
        var partition = memtable.GetUnfiltered(Key(1), ClusteringIndexFilter.All)!;
        var names = new ColumnNameTable();
        Assert.Equal(Serialize(expected!, names), Serialize(Assert.Single(partition.Rows(Slice.All, reversed: false)), names));
    }

    private static byte[] Serialize(Row row, ColumnNameTable names)
    {
        var w = new ByteWriter(64);
        RowSerializer.WriteRow(w, row, names);
        return w.ToArray();
    }

    private static Row RandomRow(Random random, Clustering clustering, bool complex)
    {
        var liveness = random.Next(3) switch
        {
            0 => LivenessInfo.Empty,
            1 => LivenessInfo.Create(random.Next(1, 5), LivenessInfo.NoTtl, Now),
            _ => LivenessInfo.Create(random.Next(1, 5), random.Next(1, 3), Now + random.Next(2)),
        };
        var deletion = random.Next(4) == 0 ? new DeletionTime(random.Next(0, 5), Now + random.Next(2)) : DeletionTime.Live;
        var cells = new List<Cell>();
        foreach (var column in Columns)
        {
            if (random.Next(2) == 0) continue;
            long ts = random.Next(1, 5);
            byte[] value = [(byte)random.Next(3)];
            cells.Add(random.Next(4) switch
            {
                0 => Cell.Tombstone(column, ts, Now + random.Next(2)),
                1 => Cell.Expiring(column, value, ts, random.Next(1, 3), Now + random.Next(2)),
                _ => random.Next(4) == 0 ? Cell.Live(column, [], ts) : Cell.Live(column, value, ts),
            });
        }
        if (!complex) return new Row(clustering, liveness, deletion, [.. cells]);
        cells.Add(Cell.Live("m", [], random.Next(1, 5), path: [(byte)random.Next(3)]));
        return Row.Create(clustering, liveness, deletion, cells, [new ComplexDeletion("m", new DeletionTime(random.Next(0, 3), Now))]);
    }
}
