using Sibyl.Data.Model;
using Sibyl.Data.Types;

namespace Sibyl.Data.Tests.Model;

/// <summary>Row reconciliation: Row.Merge, Row.Shadowed, HasLiveData and PartitionUpdate assembly.</summary>
public class RowTests
{
    private const int Now = 1_000;
    private static readonly Clustering K = new([CqlType.Int.Decompose(1)]);

    private static Row RowOf(LivenessInfo liveness, DeletionTime deletion, params Cell[] cells) =>
        Row.Create(K, liveness, deletion, [.. cells]);

    private static LivenessInfo Inserted(long ts) => LivenessInfo.Create(ts, LivenessInfo.NoTtl, Now);

    [Fact]
    public void CreateSortsCellsAndReconcilesDuplicates()
    {
        var row = RowOf(LivenessInfo.Empty, DeletionTime.Live,
            Cell.Live("b", [2], 5), Cell.Live("a", [1], 5), Cell.Live("b", [3], 7), Cell.Live("a", [9], 4));
        Assert.Equal(["a", "b"], row.Cells.Select(c => c.Column));
        Assert.Equal([1], row.GetCell("a")!.Value);
        Assert.Equal([3], row.GetCell("b")!.Value);
    }

    [Fact]
    public void CellOrderPutsSimpleCellBeforeCollectionElementsAndOrdersPaths()
    {
        var row = RowOf(LivenessInfo.Empty, DeletionTime.Live,
            Cell.Live("m", [1], 5, path: [2]), Cell.Live("m", [1], 5, path: [1]), Cell.Live("m", [], 5));
        Assert.Null(row.Cells[0].Path);
        Assert.Equal([1], row.Cells[1].Path!);
        Assert.Equal([2], row.Cells[2].Path!);
        Assert.Same(row.Cells[0], row.GetCell("m"));
    }

    [Fact]
    public void MergeRowDeletionShadowsOlderCellsButNotNewer()
    {
        var data = RowOf(Inserted(10), DeletionTime.Live, Cell.Live("a", [1], 10), Cell.Live("b", [2], 30));
        var deletion = RowOf(LivenessInfo.Empty, new DeletionTime(20, Now));

        foreach (var merged in new[] { Row.Merge(data, deletion), Row.Merge(deletion, data) })
        {
            Assert.Equal(new DeletionTime(20, Now), merged.Deletion);
            Assert.True(merged.PrimaryKeyLiveness.IsEmpty);      // INSERT at 10 is shadowed
            Assert.Null(merged.GetCell("a"));
            Assert.Equal([2], merged.GetCell("b")!.Value);
            Assert.True(merged.HasLiveData(Now));
        }
    }

    [Fact]
    public void MergeRowDeletionAtSameTimestampWins()
    {
        var data = RowOf(Inserted(20), DeletionTime.Live, Cell.Live("a", [1], 20));
        var merged = Row.Merge(data, RowOf(LivenessInfo.Empty, new DeletionTime(20, Now)));
        Assert.Empty(merged.Cells);
        Assert.False(merged.HasLiveData(Now));
    }

    [Fact]
    public void MergeNewerInsertAfterDeletionKeepsRowAliveWithoutColumns()
    {
        var deleted = RowOf(LivenessInfo.Empty, new DeletionTime(20, Now));
        var reinserted = RowOf(Inserted(25), DeletionTime.Live);
        var merged = Row.Merge(deleted, reinserted);
        Assert.Equal(25, merged.PrimaryKeyLiveness.Timestamp);
        Assert.Empty(merged.Cells);
        Assert.True(merged.HasLiveData(Now));
    }

    [Fact]
    public void MergeReconcilesCellsPerColumn()
    {
        var a = RowOf(LivenessInfo.Empty, DeletionTime.Live, Cell.Live("x", [1], 5), Cell.Live("y", [1], 9));
        var b = RowOf(LivenessInfo.Empty, DeletionTime.Live, Cell.Live("x", [2], 6), Cell.Tombstone("y", 8, Now), Cell.Live("z", [3], 1));
        var merged = Row.Merge(a, b);
        Assert.Equal(["x", "y", "z"], merged.Cells.Select(c => c.Column));
        Assert.Equal([2], merged.GetCell("x")!.Value);
        Assert.Equal([1], merged.GetCell("y")!.Value);
        Assert.Equal(9, merged.GetCell("y")!.Timestamp);
    }

    [Fact]
    public void ShadowedByEnclosingDeletionDropsOlderDataOnly()
    {
        var row = RowOf(Inserted(10), DeletionTime.Live, Cell.Live("a", [1], 10), Cell.Live("b", [2], 30));
        Assert.Same(row, row.Shadowed(DeletionTime.Live));

        var shadowed = row.Shadowed(new DeletionTime(20, Now))!;
        Assert.True(shadowed.PrimaryKeyLiveness.IsEmpty);
        Assert.Equal(["b"], shadowed.Cells.Select(c => c.Column));
        Assert.True(shadowed.HasLiveData(Now));

        var gone = row.Shadowed(new DeletionTime(30, Now))!;
        Assert.False(gone.HasLiveData(Now));
    }

    [Fact]
    public void ShadowedAppliesTheRowsOwnDeletionToItsCells()
    {
        // A row built in one update is never merged: its own deletion must still hide its older cells.
        var row = new Row(K, Inserted(5), new DeletionTime(10, Now), [Cell.Live("a", [1], 5), Cell.Live("b", [2], 15)]);
        var visible = row.Shadowed(DeletionTime.Live)!;
        Assert.True(visible.PrimaryKeyLiveness.IsEmpty);
        Assert.Equal(["b"], visible.Cells.Select(c => c.Column));
    }

    [Fact]
    public void ShadowedKeepsTheDeletionButNoShadowedData()
    {
        var row = RowOf(LivenessInfo.Empty, DeletionTime.Live, Cell.Live("a", [1], 5));
        var shadowed = row.Shadowed(new DeletionTime(5, Now));
        Assert.NotNull(shadowed);
        Assert.Equal(new DeletionTime(5, Now), shadowed!.Deletion);
        Assert.Empty(shadowed.Cells);
        Assert.False(shadowed.HasLiveData(Now));
    }

    [Fact]
    public void HasLiveDataNeedsLivenessOrALiveCell()
    {
        Assert.True(RowOf(Inserted(1), DeletionTime.Live).HasLiveData(Now));
        Assert.False(RowOf(LivenessInfo.Empty, DeletionTime.Live, Cell.Tombstone("a", 1, Now)).HasLiveData(Now));
        Assert.True(RowOf(LivenessInfo.Empty, DeletionTime.Live, Cell.Tombstone("a", 1, Now), Cell.Live("b", [1], 1)).HasLiveData(Now));

        var ttl = RowOf(LivenessInfo.Create(1, 10, Now), DeletionTime.Live, Cell.Expiring("a", [1], 1, 10, Now));
        Assert.True(ttl.HasLiveData(Now + 9));
        Assert.False(ttl.HasLiveData(Now + 10));
    }

    [Fact]
    public void PartitionUpdateMergesStaticRowsAndKeepsTheGreatestDeletion()
    {
        var key = PartitionKeys.Decorate([CqlType.Int.Decompose(7)]);
        var update = new PartitionUpdate(Guid.NewGuid(), key);
        Assert.True(update.IsEmpty);

        update.Add(Row.Create(Clustering.StaticClustering, LivenessInfo.Empty, DeletionTime.Live, [Cell.Live("s", [1], 5)]));
        update.Add(Row.Create(Clustering.StaticClustering, LivenessInfo.Empty, DeletionTime.Live, [Cell.Live("s", [2], 6)]));
        Assert.Equal([2], update.StaticRow!.GetCell("s")!.Value);
        Assert.Empty(update.Rows);
        Assert.False(update.IsEmpty);

        update.DeletePartition(new DeletionTime(10, 1));
        update.DeletePartition(new DeletionTime(8, 9));
        Assert.Equal(new DeletionTime(10, 1), update.PartitionDeletion);
        Assert.True(update.DataSize() > key.Key.Length);
    }

    [Fact]
    public void MutationKeepsOneUpdatePerTable()
    {
        var key = PartitionKeys.Decorate([CqlType.Int.Decompose(7)]);
        var mutation = new Mutation("ks", key);
        var t1 = Guid.NewGuid();
        var t2 = Guid.NewGuid();
        Assert.Same(mutation.GetOrAdd(t1), mutation.GetOrAdd(t1));
        mutation.GetOrAdd(t2);
        Assert.Equal(2, mutation.Updates.Count);
        Assert.All(mutation.Updates, u => Assert.Same(key, u.Key));
    }
}
