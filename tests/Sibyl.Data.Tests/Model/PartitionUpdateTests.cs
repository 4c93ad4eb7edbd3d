using Sibyl.Data.Model;

namespace Sibyl.Data.Tests.Model;

/// <summary>An update's rows, range tombstones and a mutation's updates read back in the order added, whether one
/// (held without an array) or many.</summary>
public class PartitionUpdateTests
{
    private static readonly Data.Partitioning.DecoratedKey Key = PartitionKeys.Decorate([[1]]);

    private static Row RowOf(byte c) => new(new Clustering([[c]]), LivenessInfo.Empty, new DeletionTime(1, 1), []);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    public void RowsAndRangeTombstonesComeBackInOrder(int count)
    {
        var update = new PartitionUpdate(Guid.NewGuid(), Key);
        var rows = Enumerable.Range(0, count).Select(i => RowOf((byte)i)).ToArray();
        var tombstones = Enumerable.Range(0, count).Select(i => new RangeTombstone(Slice.All, new DeletionTime(i, i))).ToArray();
        foreach (var row in rows) update.Add(row);
        foreach (var rt in tombstones) update.AddRangeTombstone(rt);

        Assert.Equal(count, update.Rows.Count);
        Assert.Equal(rows, update.Rows);
        Assert.Equal(rows, Enumerable.Range(0, count).Select(i => update.Rows[i]));
        Assert.Equal(tombstones, update.RangeTombstones);
        Assert.Throws<ArgumentOutOfRangeException>(() => update.Rows[count]);
        Assert.Equal(count == 0, update.IsEmpty);

        var merged = new PartitionUpdate(update.TableId, Key);
        var first = RowOf(100);
        merged.Add(first);
        merged.MergeFrom(update);
        Assert.Equal([first, .. rows], merged.Rows);
        Assert.Equal(tombstones, merged.RangeTombstones);
    }

    [Fact]
    public void AMutationFindsEachTableUpdateOnce()
    {
        var mutation = new Mutation("ks", Key);
        var tables = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        var updates = tables.Select(mutation.GetOrAdd).ToArray();
        Assert.Equal(updates, tables.Select(mutation.GetOrAdd));
        Assert.Equal(updates, mutation.Updates);
        Assert.Equal(tables, mutation.Updates.Select(u => u.TableId));
    }
}
