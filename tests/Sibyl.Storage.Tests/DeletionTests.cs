using Sibyl.Data.Model;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests;

/// <summary>Partition deletions, range tombstones, row and cell deletions, TTLs and static rows as a read sees them.</summary>
public abstract class DeletionTests
{
    protected abstract IStoreUnderTest Create(ClusteringComparator comparator);

    private IStoreUnderTest Rows0To9(long ts = 10, ClusteringComparator? comparator = null)
    {
        var store = Create(comparator ?? Comparator(false));
        var update = UpdateOf(1);
        for (int i = 0; i < 10; i++) update.Add(Insert(Ck(i), i, ts));
        store.Apply(update);
        return store;
    }

    private static PartitionData ReadOne(IStoreUnderTest store, ClusteringIndexFilter? filter = null, int now = Now) =>
        Assert.Single(store.Read(ReadPartition(1, filter, now: now)));

    private static PartitionUpdate RangeDelete(Slice slice, long ts)
    {
        var update = UpdateOf(1);
        update.AddRangeTombstone(new RangeTombstone(slice, new DeletionTime(ts, Now)));
        return update;
    }

    [Fact]
    public void PartitionDeletionHidesOlderRowsAndStaticButNotNewerWrites()
    {
        var store = Rows0To9(ts: 10);
        store.Apply(UpdateOf(1, Static(1, 10)));
        var deletion = UpdateOf(1);
        deletion.DeletePartition(new DeletionTime(20, Now));
        store.Apply(deletion);
        store.Apply(UpdateOf(1, Insert(Ck(3), 33, 21), Static(2, 21)));
        store.Apply(UpdateOf(1, Insert(Ck(4), 44, 20)));   // same timestamp as the deletion: deleted

        var data = ReadOne(store);
        Assert.Equal(new DeletionTime(20, Now), data.PartitionDeletion);
        Assert.Equal([3], FirstClusterings(data));
        Assert.Equal(33, ValueOf(data.Rows[0]));
        Assert.Equal(2, ValueOf(data.StaticRow!, "s"));
    }

    [Fact]
    public void PartitionDeletionAppliedBeforeOlderDataStillHidesIt()
    {
        var store = Create(Comparator(false));
        var deletion = UpdateOf(1);
        deletion.DeletePartition(new DeletionTime(20, Now));
        store.Apply(deletion);
        store.Apply(UpdateOf(1, Insert(Ck(1), 1, 19), Static(1, 5)));
        var data = ReadOne(store);
        Assert.Empty(data.Rows);
        Assert.False(data.StaticRow?.HasLiveData(Now) ?? false);
    }

    [Fact]
    public void RangeTombstoneDeletesOlderRowsInItsSliceOnly()
    {
        var store = Rows0To9(ts: 10);
        store.Apply(RangeDelete(SliceOf(Bound(true, 3), Bound(false, 6)), 15));
        Assert.Equal([0, 1, 2, 6, 7, 8, 9], FirstClusterings(ReadOne(store)));
        Assert.Equal([9, 8, 7, 6, 2, 1, 0], FirstClusterings(ReadOne(store, Filter(true, Slice.All))));

        // Writes newer than the tombstone come back; writes at its timestamp do not.
        store.Apply(UpdateOf(1, Insert(Ck(4), 40, 16), Insert(Ck(5), 50, 15)));
        Assert.Equal([0, 1, 2, 4, 6, 7, 8, 9], FirstClusterings(ReadOne(store)));
        Assert.Equal([2, 4, 6], FirstClusterings(ReadOne(store, Filter(false, SliceOf(Bound(true, 2), Bound(true, 6))))));
    }

    [Fact]
    public void RangeTombstoneWithExclusiveStartAndOpenEnd()
    {
        var store = Rows0To9(ts: 10);
        store.Apply(RangeDelete(SliceOf(Bound(false, 7), ClusteringBound.Top), 11));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], FirstClusterings(ReadOne(store)));
    }

    [Fact]
    public void RangeTombstoneOnDescendingColumn()
    {
        var store = Rows0To9(ts: 10, comparator: Comparator(true));
        // DELETE WHERE c <= 6 AND c > 2: in DESC clustering order from 6 down to (but excluding) 2.
        store.Apply(RangeDelete(SliceOf(Bound(true, 6), Bound(false, 2)), 11));
        Assert.Equal([9, 8, 7, 2, 1, 0], FirstClusterings(ReadOne(store)));
    }

    [Fact]
    public void RangeTombstoneOverAMultiColumnPrefix()
    {
        var store = Create(Comparator(false, false));
        var update = UpdateOf(1);
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                update.Add(Insert(Ck(a, b), a * 10 + b, 10));
        store.Apply(update);
        store.Apply(RangeDelete(Slice.ForPrefix([I(1)]), 12));     // DELETE WHERE a = 1
        store.Apply(RangeDelete(SliceOf(Bound(false, 2, 0), Bound(true, 2)), 12));  // a = 2 AND b > 0
        var rows = ReadOne(store).Rows.Select(r => ValueOf(r));
        Assert.Equal([0, 1, 2, 20], rows);
    }

    [Fact]
    public void RowDeletionShadowsOlderWritesWhicheverArrivesFirst()
    {
        var store = Rows0To9(ts: 10);
        store.Apply(UpdateOf(1, DeleteRow(Ck(2), 12)));
        store.Apply(UpdateOf(1, DeleteRow(Ck(12), 12)));
        store.Apply(UpdateOf(1, Insert(Ck(12), 1, 11)));   // older than the deletion that came first
        store.Apply(UpdateOf(1, Update(Ck(2), 7, 13)));    // newer UPDATE revives the row through its cell
        var data = ReadOne(store);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], FirstClusterings(data));
        Assert.True(data.Rows[2].PrimaryKeyLiveness.IsEmpty);
        Assert.Equal(7, ValueOf(data.Rows[2]));
    }

    [Fact]
    public void RowDeletedInTheSameUpdateAsItsOlderCellsIsHidden()
    {
        var store = Create(Comparator(false));
        var row = new Row(Ck(1), LivenessInfo.Create(5, 0, Now), new DeletionTime(6, Now), [Cell.Live("v", I(1), 5)]);
        store.Apply(UpdateOf(1, row));
        Assert.Empty(ReadOne(store).Rows);
    }

    [Fact]
    public void UpdatedRowDisappearsWhenItsOnlyCellIsDeletedButInsertedRowStays()
    {
        var store = Create(Comparator(false));
        store.Apply(UpdateOf(1, Update(Ck(1), 1, 10), Insert(Ck(2), 2, 10)));
        var tombstones = UpdateOf(1,
            Row.Create(Ck(1), LivenessInfo.Empty, DeletionTime.Live, [Cell.Tombstone("v", 11, Now)]),
            Row.Create(Ck(2), LivenessInfo.Empty, DeletionTime.Live, [Cell.Tombstone("v", 11, Now)]));
        store.Apply(tombstones);
        var data = ReadOne(store);
        Assert.Equal([2], FirstClusterings(data));
        Assert.False(data.Rows[0].GetCell("v")!.IsLive(Now));
    }

    [Fact]
    public void ExpiredRowsVanishAtTheirExpiry()
    {
        var store = Create(Comparator(false));
        var ttlRow = Row.Create(Ck(1), LivenessInfo.Create(10, 60, Now), DeletionTime.Live,
            [Cell.Expiring("v", I(1), 10, 60, Now)]);
        store.Apply(UpdateOf(1, ttlRow, Insert(Ck(2), 2, 10)));
        Assert.Equal([1, 2], FirstClusterings(ReadOne(store, now: Now + 59)));
        Assert.Equal([2], FirstClusterings(ReadOne(store, now: Now + 60)));
    }

    [Fact]
    public void StaticOnlyPartitionReturnsItsStaticRow()
    {
        var store = Create(Comparator(false));
        store.Apply(UpdateOf(1, Static(5, 10)));
        store.Apply(UpdateOf(1, Static(6, 9)));
        var data = ReadOne(store);
        Assert.Empty(data.Rows);
        Assert.Equal(5, ValueOf(data.StaticRow!, "s"));
    }

    [Fact]
    public void RangeTombstonesDoNotTouchTheStaticRow()
    {
        var store = Rows0To9(ts: 10);
        store.Apply(UpdateOf(1, Static(5, 10)));
        store.Apply(RangeDelete(Slice.All, 20));
        var data = ReadOne(store);
        Assert.Empty(data.Rows);
        Assert.Equal(5, ValueOf(data.StaticRow!, "s"));
    }
}

public sealed class DeletionTestsOnMemtable : DeletionTests
{
    protected override IStoreUnderTest Create(Sibyl.Data.Model.ClusteringComparator comparator) => new MemtableUnderTest(comparator);
}

public sealed class DeletionTestsOnMemtableStore : DeletionTests
{
    protected override IStoreUnderTest Create(Sibyl.Data.Model.ClusteringComparator comparator) => new ReplicaStoreUnderTest(new MemtableStore(), comparator);
}
