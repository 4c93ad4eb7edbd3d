using Sibyl.Data.Model;
using Sibyl.Data.Types;
using Sibyl.Replica.Views;
using Sibyl.Schema;

namespace Sibyl.Coordinator.Tests.Views;

/// <summary>The view updates computed from base rows before and after an update, checked cell by cell.</summary>
public class ViewUpdateGeneratorTests
{
    private static readonly TableMetadata Base = new("ks", "t", Guid.NewGuid(),
    [
        new ColumnMetadata("p", CqlType.Int, ColumnKind.PartitionKey, 0, ClusteringOrder.None),
        new ColumnMetadata("v", CqlType.Int, ColumnKind.Regular, -1, ClusteringOrder.None),
        new ColumnMetadata("w", CqlType.Int, ColumnKind.Regular, -1, ClusteringOrder.None),
    ], TableParams.Default);

    private static readonly TableMetadata View = new("ks", "mv", Guid.NewGuid(),
    [
        new ColumnMetadata("v", CqlType.Int, ColumnKind.PartitionKey, 0, ClusteringOrder.None),
        new ColumnMetadata("p", CqlType.Int, ColumnKind.Clustering, 0, ClusteringOrder.Asc),
        new ColumnMetadata("w", CqlType.Int, ColumnKind.Regular, -1, ClusteringOrder.None),
    ], TableParams.Default)
    {
        View = new ViewMetadata(Base.Id, "t", true, "v IS NOT NULL AND p IS NOT NULL", []),
    };

    private static byte[] I(int v) => CqlType.Int.Decompose(v)!;

    private static Row BaseRow(long markerTs, params Cell[] cells) =>
        Row.Create(Clustering.Empty, new LivenessInfo(markerTs, LivenessInfo.NoTtl, LivenessInfo.NoExpiration), DeletionTime.Live, [.. cells]);

    [Fact]
    public void KeyChangeDeletesOldViewRowAtTheNewCellTimestampAndWritesTheNewOne()
    {
        var key = PartitionKeys.Decorate([I(1)]);
        var before = BaseRow(10, Cell.Live("v", I(3), 10), Cell.Live("w", I(4), 10));
        var after = BaseRow(10, Cell.Live("v", I(5), 20), Cell.Live("w", I(4), 10));
        var update = new PartitionUpdate(Base.Id, key);
        update.Add(Row.Create(Clustering.Empty, LivenessInfo.Empty, DeletionTime.Live, [Cell.Live("v", I(5), 20)]));

        var mutations = new ViewUpdateGenerator(Base, View).Generate(key, [before], [after], update, 1000);

        Assert.Equal(2, mutations.Count);
        var old = mutations.Single(m => m.Key.Key.AsSpan().SequenceEqual(I(3))).Updates.Single().Rows.Single();
        Assert.Equal(20, old.Deletion.MarkedForDeleteAt);
        var created = mutations.Single(m => m.Key.Key.AsSpan().SequenceEqual(I(5))).Updates.Single().Rows.Single();
        Assert.Equal(20, created.PrimaryKeyLiveness.Timestamp);
        // The older w cell is lifted to the key cell's timestamp so an earlier deletion of this view row cannot hide it.
        Assert.Equal(20, created.GetCell("w")!.Timestamp);
        Assert.True(created.Deletion.IsLive);
    }

    [Fact]
    public void ExpiringKeyColumnMakesEveryViewCellExpireWithIt()
    {
        var key = PartitionKeys.Decorate([I(1)]);
        var after = BaseRow(10, Cell.Expiring("v", I(5), 20, 60, 1000), Cell.Live("w", I(4), 10));
        var update = new PartitionUpdate(Base.Id, key);

        var row = new ViewUpdateGenerator(Base, View).Generate(key, [], [after], update, 1000).Single().Updates.Single().Rows.Single();

        Assert.Equal(1060, row.PrimaryKeyLiveness.LocalExpirationTime);
        Assert.Equal(1060, row.GetCell("w")!.LocalDeletionTime);
        Assert.Equal(60, row.GetCell("w")!.Ttl);
    }

    [Fact]
    public void UnchangedKeyWritesOnlyTheNewRow()
    {
        var key = PartitionKeys.Decorate([I(1)]);
        var before = BaseRow(10, Cell.Live("v", I(3), 10));
        var after = BaseRow(10, Cell.Live("v", I(3), 10), Cell.Live("w", I(8), 30));
        var update = new PartitionUpdate(Base.Id, key);
        update.Add(Row.Create(Clustering.Empty, LivenessInfo.Empty, DeletionTime.Live, [Cell.Live("w", I(8), 30)]));

        var mutations = new ViewUpdateGenerator(Base, View).Generate(key, [before], [after], update, 1000);

        var row = Assert.Single(mutations).Updates.Single().Rows.Single();
        Assert.True(row.Deletion.IsLive);
        Assert.Equal(I(8), row.GetCell("w")!.Value);
    }

    [Fact]
    public void DeletedBaseRowDeletesItsViewRow()
    {
        var key = PartitionKeys.Decorate([I(1)]);
        var before = BaseRow(10, Cell.Live("v", I(3), 10));
        var update = new PartitionUpdate(Base.Id, key);
        update.DeletePartition(new DeletionTime(50, 1000));

        var row = Assert.Single(new ViewUpdateGenerator(Base, View).Generate(key, [before], [], update, 1000)).Updates.Single().Rows.Single();

        Assert.Equal(50, row.Deletion.MarkedForDeleteAt);
    }
}
