using Sibyl.Data.Model;
using Sibyl.Data.Types;

namespace Sibyl.Data.Tests.Model;

/// <summary>Complex deletions of non-frozen collection/UDT columns in Row.Create, Row.Merge and Row.Shadowed.</summary>
public class ComplexDeletionTests
{
    private const int Now = 1_000;
    private static readonly Clustering K = new([CqlType.Int.Decompose(1)]);

    private static Cell Element(string column, byte path, long ts) => Cell.Live(column, [path], ts, path: [path]);

    private static Row RowOf(ComplexDeletion[] complex, params Cell[] cells) =>
        Row.Create(K, LivenessInfo.Empty, DeletionTime.Live, [.. cells], [.. complex]);

    private static ComplexDeletion Deleted(string column, long ts) => new(column, new DeletionTime(ts, Now));

    [Fact]
    public void OverwriteInOneRowKeepsNewElementsAndTheDeletion()
    {
        // c = {1, 2} at 10: a deletion at 9, then the elements at 10.
        var row = RowOf([Deleted("s", 9)], Element("s", 1, 10), Element("s", 2, 10));
        Assert.Equal(2, row.Cells.Length);
        Assert.Equal([Deleted("s", 9)], row.ComplexDeletions);
    }

    [Fact]
    public void MergeDropsOlderElementsOfTheDeletedColumnOnly()
    {
        var old = RowOf([], Element("s", 1, 5), Element("s", 3, 5), Cell.Live("v", [7], 5), Element("t", 1, 5));
        var overwrite = RowOf([Deleted("s", 9)], Element("s", 2, 10));
        foreach (var merged in new[] { Row.Merge(old, overwrite), Row.Merge(overwrite, old) })
        {
            Assert.Equal([(byte)2], merged.ComplexCells("s").ToArray().Select(c => c.Path![0]));
            Assert.NotNull(merged.GetCell("v"));
            Assert.Single(merged.ComplexCells("t").ToArray());
            Assert.Equal([Deleted("s", 9)], merged.ComplexDeletions);
        }
    }

    [Fact]
    public void MergeKeepsTheNewestDeletionPerColumnAndIsIdempotent()
    {
        var a = RowOf([Deleted("a", 4), Deleted("b", 9)]);
        var b = RowOf([Deleted("a", 6), Deleted("c", 1)], Element("a", 1, 5), Element("a", 2, 7));
        var merged = Row.Merge(a, b);
        Assert.Equal([Deleted("a", 6), Deleted("b", 9), Deleted("c", 1)], merged.ComplexDeletions);
        Assert.Equal([(byte)2], merged.ComplexCells("a").ToArray().Select(c => c.Path![0]));
        var again = Row.Merge(merged, merged);
        Assert.Equal(merged.ComplexDeletions, again.ComplexDeletions);
        Assert.Equal(merged.Cells, again.Cells);
    }

    [Fact]
    public void ARowDeletionThatSupersedesAComplexDeletionReplacesIt()
    {
        var row = RowOf([Deleted("s", 5)], Element("s", 1, 8));
        var deleted = new Row(K, LivenessInfo.Empty, new DeletionTime(6, Now), []);
        var merged = Row.Merge(row, deleted);
        Assert.Empty(merged.ComplexDeletions);
        Assert.Single(merged.Cells);
        var newer = Row.Merge(RowOf([Deleted("s", 7)]), deleted);
        Assert.Equal([Deleted("s", 7)], newer.ComplexDeletions);
    }

    [Fact]
    public void ShadowedAppliesComplexDeletionsAndAnEnclosingDeletion()
    {
        // A row built without Create (as read from disk) may still hold cells its complex deletion shadows.
        var row = new Row(K, LivenessInfo.Empty, DeletionTime.Live, [Element("s", 1, 3), Element("s", 2, 8)], [Deleted("s", 5)]);
        var visible = row.Shadowed(DeletionTime.Live)!;
        Assert.Equal([(byte)2], visible.Cells.Select(c => c.Path![0]));
        Assert.True(visible.HasLiveData(Now));
        var covered = row.Shadowed(new DeletionTime(9, Now))!;
        Assert.Empty(covered.Cells);
        Assert.Empty(covered.ComplexDeletions);
        Assert.False(covered.HasLiveData(Now));
    }

    [Fact]
    public void AComplexDeletionAloneIsNotLiveData()
    {
        var row = RowOf([Deleted("s", 5)]);
        Assert.False(row.HasLiveData(Now));
        Assert.NotNull(row.Shadowed(DeletionTime.Live));
    }

    [Fact]
    public void AComplexDeletionAlsoShadowsAnOlderWholeValueCell()
    {
        var merged = Row.Merge(RowOf([], Cell.Live("s", [0, 0, 0, 0], 3)), RowOf([Deleted("s", 4)], Element("s", 1, 5)));
        Assert.Null(merged.GetCell("s"));
        Assert.Single(merged.ComplexCells("s").ToArray());
    }

    [Fact]
    public void PartitionUpdateMergesStaticRowsWithTheirDeletions()
    {
        var update = new PartitionUpdate(Guid.NewGuid(), new Sibyl.Data.Partitioning.DecoratedKey(new Sibyl.Data.Partitioning.Token(1), [1]));
        update.Add(Row.Create(Clustering.StaticClustering, LivenessInfo.Empty, DeletionTime.Live, [Element("s", 1, 2)], null));
        update.Add(Row.Create(Clustering.StaticClustering, LivenessInfo.Empty, DeletionTime.Live, [Element("s", 2, 4)], [Deleted("s", 3)]));
        Assert.Equal([(byte)2], update.StaticRow!.Cells.Select(c => c.Path![0]));
        Assert.Equal([Deleted("s", 3)], update.StaticRow.ComplexDeletions);
    }
}
