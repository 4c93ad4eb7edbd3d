using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests;

/// <summary>Row limits (live rows only), per-partition limits, and range reads in token order with paging bounds.</summary>
public abstract class RangeReadTests
{
    protected abstract IStoreUnderTest Create(ClusteringComparator comparator);

    private const int Partitions = 12;

    /// <summary>Partition keys 0..11 with rows 0..4 each, sorted the way a range read must return them.</summary>
    private (IStoreUnderTest Store, List<int> TokenOrder) Populated()
    {
        var store = Create(Comparator(false));
        for (int pk = 0; pk < Partitions; pk++)
        {
            var update = UpdateOf(pk);
            for (int ck = 0; ck < 5; ck++) update.Add(Insert(Ck(ck), pk * 100 + ck, 10));
            store.Apply(update);
        }
        var order = Enumerable.Range(0, Partitions).OrderBy(pk => Key(pk)).ToList();
        return (store, order);
    }

    private static PartitionRangeReadCommand Range(PartitionPosition? start = null, PartitionPosition? end = null,
        int limit = DataLimits.NoLimit, int perPartition = DataLimits.NoLimit, ClusteringIndexFilter? filter = null,
        ClusteringIndexFilter? first = null) =>
        new(TableId, start, end, filter ?? ClusteringIndexFilter.All, new DataLimits(limit, perPartition), Now, first);

    [Fact]
    public void RowLimitCountsOnlyLiveRows()
    {
        var store = Create(Comparator(false));
        var update = UpdateOf(1);
        for (int i = 0; i < 10; i++) update.Add(Insert(Ck(i), i, 10));
        store.Apply(update);
        store.Apply(UpdateOf(1, DeleteRow(Ck(0), 11), DeleteRow(Ck(1), 11), DeleteRow(Ck(3), 11)));
        // Row 4: deleted, then re-inserted with a TTL that has already run out by the read.
        store.Apply(UpdateOf(1, DeleteRow(Ck(4), 11)));
        store.Apply(UpdateOf(1, Row.Create(Ck(4), LivenessInfo.Create(12, 1, Now - 5), DeletionTime.Live,
            [Cell.Expiring("v", I(4), 12, 1, Now - 5)])));

        Assert.Equal([2, 5, 6], FirstClusterings(Assert.Single(store.Read(ReadPartition(1, limit: 3)))));
        Assert.Equal([9, 8, 7], FirstClusterings(Assert.Single(store.Read(ReadPartition(1, Filter(true, Slice.All), limit: 3)))));
        Assert.Empty(Assert.Single(store.Read(ReadPartition(1, limit: 0))).Rows);
    }

    [Fact]
    public void SinglePartitionUsesTheSmallerOfRowAndPerPartitionLimits()
    {
        var (store, _) = Populated();
        var command = new SinglePartitionReadCommand(TableId, Key(3), ClusteringIndexFilter.All, new DataLimits(4, 2), Now);
        Assert.Equal([0, 1], FirstClusterings(Assert.Single(store.Read(command))));
    }

    [Fact]
    public void FullScanReturnsPartitionsInTokenOrder()
    {
        var (store, order) = Populated();
        var result = store.Read(Range());
        Assert.Equal(order, result.Select(PkOf));
        Assert.All(result, p => Assert.Equal([0, 1, 2, 3, 4], FirstClusterings(p)));
        for (int i = 1; i < result.Count; i++)
            Assert.True(result[i - 1].Key.Token.CompareTo(result[i].Key.Token) <= 0);
    }

    [Fact]
    public void RowLimitCutsAcrossPartitions()
    {
        var (store, order) = Populated();
        var result = store.Read(Range(limit: 12));
        Assert.Equal(order.Take(3), result.Select(PkOf));
        Assert.Equal([0, 1], FirstClusterings(result[2]));
    }

    [Fact]
    public void PerPartitionLimitAppliesToEachPartition()
    {
        var (store, order) = Populated();
        var result = store.Read(Range(limit: 5, perPartition: 2));
        Assert.Equal(order.Take(3), result.Select(PkOf));
        Assert.Equal([2, 2, 1], result.Select(p => p.Rows.Count));
    }

    [Fact]
    public void StartAfterKeyAndTokenEndBound()
    {
        var (store, order) = Populated();
        var afterThird = PartitionPosition.AfterKey(Key(order[2]));
        Assert.Equal(order.Skip(3), store.Read(Range(start: afterThird)).Select(PkOf));

        var atThird = new PartitionPosition(Key(order[2]).Token, Key(order[2]).Key, true);
        Assert.Equal(order.Skip(2), store.Read(Range(start: atThird)).Select(PkOf));

        var endAtSixth = PartitionPosition.AtToken(Key(order[5]).Token, inclusive: true);
        Assert.Equal(order.Skip(3).Take(3), store.Read(Range(start: afterThird, end: endAtSixth)).Select(PkOf));

        var endBeforeSixth = PartitionPosition.AtToken(Key(order[5]).Token, inclusive: false);
        Assert.Equal(order.Skip(3).Take(2), store.Read(Range(start: afterThird, end: endBeforeSixth)).Select(PkOf));
    }

    [Fact]
    public void TokenRangeExclusiveStartInclusiveEnd()
    {
        var (store, order) = Populated();
        // token(pk) > token(order[0]) AND token(pk) <= token(order[4])
        var start = PartitionPosition.AtToken(Key(order[0]).Token, inclusive: false);
        var end = PartitionPosition.AtToken(Key(order[4]).Token, inclusive: true);
        Assert.Equal(order.Skip(1).Take(4), store.Read(Range(start, end)).Select(PkOf));
        Assert.Equal(order, store.Read(Range(PartitionPosition.AtToken(Token.MinValue, false))).Select(PkOf));
    }

    [Fact]
    public void PartitionsWithoutLiveRowsAreSkippedAndStaticOnlyOnesCountAsOneRow()
    {
        var (store, order) = Populated();
        var deletion = UpdateOf(order[0]);
        deletion.DeletePartition(new DeletionTime(11, Now));
        store.Apply(deletion);
        var staticOnly = UpdateOf(order[1], Static(7, 12));
        staticOnly.DeletePartition(new DeletionTime(11, Now));
        store.Apply(staticOnly);

        // 1 (static only) + 5 rows fill a limit of 6.
        var result = store.Read(Range(limit: 6));
        Assert.Equal([order[1], order[2]], result.Select(PkOf));
        Assert.Empty(result[0].Rows);
        Assert.Equal(7, ValueOf(result[0].StaticRow!, "s"));
        Assert.Equal([0, 1, 2, 3, 4], FirstClusterings(result[1]));
    }

    [Fact]
    public void FirstPartitionFilterResumesInsideThePagedPartition()
    {
        var (store, order) = Populated();
        var resumeKey = Key(order[4]);
        var start = new PartitionPosition(resumeKey.Token, resumeKey.Key, true);
        var afterRow2 = Filter(false, SliceOf(Bound(false, 2), ClusteringBound.Top));
        var result = store.Read(Range(start, limit: 6, first: afterRow2));
        Assert.Equal([order[4], order[5]], result.Select(PkOf));
        Assert.Equal([3, 4], FirstClusterings(result[0]));
        Assert.Equal([0, 1, 2, 3], FirstClusterings(result[1]));
    }

    [Fact]
    public void FirstPartitionFilterIsNotAppliedToAnotherPartitionWhenThePagedOneIsGone()
    {
        var (_, order) = Populated();
        // Page stopped inside a partition that no longer exists (truncated between pages).
        var goneKey = Key(order[4]);
        var fresh = Create(Comparator(false));
        foreach (var pk in order.Where(pk => pk != order[4]))
            fresh.Apply(UpdateOf(pk, Insert(Ck(0), 0, 10), Insert(Ck(1), 1, 10), Insert(Ck(2), 2, 10), Insert(Ck(3), 3, 10)));
        var start = new PartitionPosition(goneKey.Token, goneKey.Key, true);
        var afterRow2 = Filter(false, SliceOf(Bound(false, 2), ClusteringBound.Top));
        var result = fresh.Read(Range(start, limit: 3, first: afterRow2));
        Assert.Equal(order[5], PkOf(result[0]));
        Assert.Equal([0, 1, 2], FirstClusterings(result[0]));
    }

    [Fact]
    public void ResumedPartitionWithOnlyItsStaticRowLeftIsNotReturnedAgain()
    {
        var (store, order) = Populated();
        store.Apply(UpdateOf(order[0], Static(9, 10)));
        var key = Key(order[0]);
        var start = new PartitionPosition(key.Token, key.Key, true);
        var afterLastRow = Filter(false, SliceOf(Bound(false, 4), ClusteringBound.Top));
        var result = store.Read(Range(start, limit: 2, first: afterLastRow));
        Assert.Equal([order[1]], result.Select(PkOf));
        Assert.Equal([0, 1], FirstClusterings(result[0]));
    }
}

public sealed class RangeReadTestsOnMemtable : RangeReadTests
{
    protected override IStoreUnderTest Create(Sibyl.Data.Model.ClusteringComparator comparator) => new MemtableUnderTest(comparator);
}

public sealed class RangeReadTestsOnMemtableStore : RangeReadTests
{
    protected override IStoreUnderTest Create(Sibyl.Data.Model.ClusteringComparator comparator) => new ReplicaStoreUnderTest(new MemtableStore(), comparator);
}
