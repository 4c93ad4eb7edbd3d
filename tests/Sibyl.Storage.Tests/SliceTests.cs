using Sibyl.Data.Model;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests;

/// <summary>Clustering slices on ASC and DESC columns, inclusive and exclusive bounds, multi-column prefixes, reversed reads.</summary>
public abstract class SliceTests
{
    protected abstract IStoreUnderTest Create(ClusteringComparator comparator);

    private IStoreUnderTest WithRows(ClusteringComparator comparator, IEnumerable<Clustering> clusterings)
    {
        var store = Create(comparator);
        int v = 0;
        foreach (var ck in clusterings) store.Apply(UpdateOf(1, Insert(ck, v++, 10)));
        return store;
    }

    private IStoreUnderTest Asc0To9() => WithRows(Comparator(false), Enumerable.Range(0, 10).Reverse().Select(i => Ck(i)));

    private IStoreUnderTest Desc0To9() => WithRows(Comparator(true), Enumerable.Range(0, 10).Select(i => Ck(i)));

    private static int[] Read(IStoreUnderTest store, ClusteringIndexFilter filter, int limit = DataLimits.NoLimit) =>
        FirstClusterings(Assert.Single(store.Read(ReadPartition(1, filter, limit))));

    [Fact]
    public void FullPartitionForwardAndReversed()
    {
        var store = Asc0To9();
        Assert.Equal(Enumerable.Range(0, 10), Read(store, ClusteringIndexFilter.All));
        Assert.Equal(Enumerable.Range(0, 10).Reverse(), Read(store, Filter(true, Slice.All)));
    }

    [Theory]
    [InlineData(true, true, new[] { 2, 3, 4, 5 })]
    [InlineData(false, true, new[] { 3, 4, 5 })]
    [InlineData(true, false, new[] { 2, 3, 4 })]
    [InlineData(false, false, new[] { 3, 4 })]
    public void AscendingBounds(bool startInclusive, bool endInclusive, int[] expected)
    {
        var store = Asc0To9();
        var slice = SliceOf(Bound(startInclusive, 2), Bound(endInclusive, 5));
        Assert.Equal(expected, Read(store, Filter(false, slice)));
        Assert.Equal(expected.Reverse(), Read(store, Filter(true, slice)));
    }

    [Fact]
    public void HalfOpenSlices()
    {
        var store = Asc0To9();
        Assert.Equal([0, 1, 2], Read(store, Filter(false, SliceOf(ClusteringBound.Bottom, Bound(false, 3)))));
        Assert.Equal([8, 9], Read(store, Filter(false, SliceOf(Bound(false, 7), ClusteringBound.Top))));
        Assert.Equal([9, 8], Read(store, Filter(true, SliceOf(Bound(false, 7), ClusteringBound.Top))));
    }

    [Fact]
    public void EmptyAndInvertedSlicesSelectNothing()
    {
        var store = Asc0To9();
        Assert.Empty(Read(store, Filter(false, SliceOf(Bound(true, 5), Bound(false, 5)))));
        Assert.Empty(Read(store, Filter(false, SliceOf(Bound(false, 5), Bound(true, 5)))));
        Assert.Empty(Read(store, Filter(false, SliceOf(Bound(true, 6), Bound(true, 2)))));
        Assert.Equal([5], Read(store, Filter(false, Slice.ForPrefix([I(5)]))));
        Assert.Empty(Read(store, Filter(false, Slice.ForPrefix([I(42)]))));
    }

    [Fact]
    public void SeveralSlicesForwardAndReversed()
    {
        var store = Asc0To9();
        var slices = new[] { SliceOf(Bound(true, 1), Bound(true, 2)), SliceOf(Bound(false, 5), Bound(true, 7)) };
        Assert.Equal([1, 2, 6, 7], Read(store, Filter(false, slices)));
        Assert.Equal([7, 6, 2, 1], Read(store, Filter(true, slices)));
        Assert.Equal([7, 6, 2], Read(store, Filter(true, slices), limit: 3));
    }

    [Fact]
    public void DescendingColumnReadsInClusteringOrder()
    {
        var store = Desc0To9();
        Assert.Equal(Enumerable.Range(0, 10).Reverse(), Read(store, ClusteringIndexFilter.All));
        Assert.Equal(Enumerable.Range(0, 10), Read(store, Filter(true, Slice.All)));

        // WHERE c < 7 AND c >= 3 on a DESC column: in clustering order the slice starts after 7 and ends at 3.
        var slice = SliceOf(Bound(false, 7), Bound(true, 3));
        Assert.Equal([6, 5, 4, 3], Read(store, Filter(false, slice)));
        Assert.Equal([3, 4, 5, 6], Read(store, Filter(true, slice)));
        Assert.Equal([6, 5], Read(store, Filter(false, slice), limit: 2));
        Assert.Equal([3, 4], Read(store, Filter(true, slice), limit: 2));
    }

    [Fact]
    public void MultiColumnPrefixesWithMixedOrder()
    {
        // PRIMARY KEY (pk, a, b) WITH CLUSTERING ORDER BY (a ASC, b DESC)
        var rows = from a in new[] { 3, 1, 2 } from b in new[] { 2, 3, 1 } select Ck(a, b);
        var store = WithRows(Comparator(false, true), rows);
        string Render(ClusteringIndexFilter f) => string.Join(" ",
            Assert.Single(store.Read(ReadPartition(1, f))).Rows.Select(r => $"{Sibyl.Data.Types.CqlType.Int.Compose(r.Clustering[0])}{Sibyl.Data.Types.CqlType.Int.Compose(r.Clustering[1])}"));

        Assert.Equal("13 12 11 23 22 21 33 32 31", Render(ClusteringIndexFilter.All));
        Assert.Equal("23 22 21", Render(Filter(false, Slice.ForPrefix([I(2)]))));
        Assert.Equal("22", Render(Filter(false, Slice.ForPrefix([I(2), I(2)]))));
        // (a, b) after (2, 2) in clustering order, up to a = 3 inclusive
        Assert.Equal("21 33 32 31", Render(Filter(false, SliceOf(Bound(false, 2, 2), Bound(true, 3)))));
        // a > 1 AND (a, b) <= (3, 2) in clustering order, i.e. up to and including (3, 2)
        Assert.Equal("23 22 21 33 32", Render(Filter(false, SliceOf(Bound(false, 1), Bound(true, 3, 2)))));
        Assert.Equal("32 33 21 22 23", Render(Filter(true, SliceOf(Bound(false, 1), Bound(true, 3, 2)))));
        // a = 2 AND b > 1 (b DESC: rows before (2, 1) within a = 2)
        Assert.Equal("23 22", Render(Filter(false, SliceOf(Bound(true, 2), Bound(false, 2, 1)))));
    }

    [Fact]
    public void RewritingARowMergesIt()
    {
        var store = Create(Comparator(false));
        store.Apply(UpdateOf(1, Insert(Ck(1), 10, 5)));
        store.Apply(UpdateOf(1, Update(Ck(1), 20, 6)));
        store.Apply(UpdateOf(1, Update(Ck(1), 30, 4)));   // older write loses
        var row = Assert.Single(Assert.Single(store.Read(ReadPartition(1))).Rows);
        Assert.Equal(20, ValueOf(row));
        Assert.Equal(5, row.PrimaryKeyLiveness.Timestamp);
        Assert.Single(store.Read(new PartitionRangeReadCommand(TableId, null, null, ClusteringIndexFilter.All, DataLimits.None, Now)));
    }

    [Fact]
    public void MissingPartitionReadsAsNothing()
    {
        var store = Asc0To9();
        Assert.Empty(store.Read(ReadPartition(2)));
    }
}

public sealed class SliceTestsOnMemtable : SliceTests
{
    protected override IStoreUnderTest Create(Sibyl.Data.Model.ClusteringComparator comparator) => new MemtableUnderTest(comparator);
}

public sealed class SliceTestsOnMemtableStore : SliceTests
{
    protected override IStoreUnderTest Create(Sibyl.Data.Model.ClusteringComparator comparator) => new ReplicaStoreUnderTest(new MemtableStore(), comparator);
}
