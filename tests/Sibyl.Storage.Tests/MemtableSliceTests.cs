using Sibyl.Data.Model;
using Sibyl.Storage.Memtables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests;

/// <summary>Clustering slices on ASC and DESC columns, inclusive and exclusive bounds, multi-column prefixes, reversed reads.</summary>
public class MemtableSliceTests
{
    private static Memtable WithRows(ClusteringComparator comparator, IEnumerable<Clustering> clusterings)
    {
        var memtable = new Memtable(comparator);
        int v = 0;
        foreach (var ck in clusterings) memtable.Apply(UpdateOf(1, Insert(ck, v++, 10)));
        return memtable;
    }

    private static Memtable Asc0To9() => WithRows(Comparator(false), Enumerable.Range(0, 10).Reverse().Select(i => Ck(i)));

    private static Memtable Desc0To9() => WithRows(Comparator(true), Enumerable.Range(0, 10).Select(i => Ck(i)));

    private static int[] Read(Memtable memtable, ClusteringIndexFilter filter, int limit = DataLimits.NoLimit) =>
        FirstClusterings(Assert.Single(memtable.Read(ReadPartition(1, filter, limit))));

    [Fact]
    public void FullPartitionForwardAndReversed()
    {
        var memtable = Asc0To9();
        Assert.Equal(Enumerable.Range(0, 10), Read(memtable, ClusteringIndexFilter.All));
        Assert.Equal(Enumerable.Range(0, 10).Reverse(), Read(memtable, Filter(true, Slice.All)));
    }

    [Theory]
    [InlineData(true, true, new[] { 2, 3, 4, 5 })]
    [InlineData(false, true, new[] { 3, 4, 5 })]
    [InlineData(true, false, new[] { 2, 3, 4 })]
    [InlineData(false, false, new[] { 3, 4 })]
    public void AscendingBounds(bool startInclusive, bool endInclusive, int[] expected)
    {
        var memtable = Asc0To9();
        var slice = SliceOf(Bound(startInclusive, 2), Bound(endInclusive, 5));
        Assert.Equal(expected, Read(memtable, Filter(false, slice)));
        Assert.Equal(expected.Reverse(), Read(memtable, Filter(true, slice)));
    }

    [Fact]
    public void HalfOpenSlices()
    {
        var memtable = Asc0To9();
        Assert.Equal([0, 1, 2], Read(memtable, Filter(false, SliceOf(ClusteringBound.Bottom, Bound(false, 3)))));
        Assert.Equal([8, 9], Read(memtable, Filter(false, SliceOf(Bound(false, 7), ClusteringBound.Top))));
        Assert.Equal([9, 8], Read(memtable, Filter(true, SliceOf(Bound(false, 7), ClusteringBound.Top))));
    }

    [Fact]
    public void EmptyAndInvertedSlicesSelectNothing()
    {
        var memtable = Asc0To9();
        Assert.Empty(Read(memtable, Filter(false, SliceOf(Bound(true, 5), Bound(false, 5)))));
        Assert.Empty(Read(memtable, Filter(false, SliceOf(Bound(false, 5), Bound(true, 5)))));
        Assert.Empty(Read(memtable, Filter(false, SliceOf(Bound(true, 6), Bound(true, 2)))));
        Assert.Equal([5], Read(memtable, Filter(false, Slice.ForPrefix([I(5)]))));
        Assert.Empty(Read(memtable, Filter(false, Slice.ForPrefix([I(42)]))));
    }

    [Fact]
    public void SeveralSlicesForwardAndReversed()
    {
        var memtable = Asc0To9();
        var slices = new[] { SliceOf(Bound(true, 1), Bound(true, 2)), SliceOf(Bound(false, 5), Bound(true, 7)) };
        Assert.Equal([1, 2, 6, 7], Read(memtable, Filter(false, slices)));
        Assert.Equal([7, 6, 2, 1], Read(memtable, Filter(true, slices)));
        Assert.Equal([7, 6, 2], Read(memtable, Filter(true, slices), limit: 3));
    }

    [Fact]
    public void DescendingColumnReadsInClusteringOrder()
    {
        var memtable = Desc0To9();
        Assert.Equal(Enumerable.Range(0, 10).Reverse(), Read(memtable, ClusteringIndexFilter.All));
        Assert.Equal(Enumerable.Range(0, 10), Read(memtable, Filter(true, Slice.All)));

        // WHERE c < 7 AND c >= 3 on a DESC column: in clustering order the slice starts after 7 and ends at 3.
        var slice = SliceOf(Bound(false, 7), Bound(true, 3));
        Assert.Equal([6, 5, 4, 3], Read(memtable, Filter(false, slice)));
        Assert.Equal([3, 4, 5, 6], Read(memtable, Filter(true, slice)));
        Assert.Equal([6, 5], Read(memtable, Filter(false, slice), limit: 2));
        Assert.Equal([3, 4], Read(memtable, Filter(true, slice), limit: 2));
    }

    [Fact]
    public void MultiColumnPrefixesWithMixedOrder()
    {
        // PRIMARY KEY (pk, a, b) WITH CLUSTERING ORDER BY (a ASC, b DESC)
        var rows = from a in new[] { 3, 1, 2 } from b in new[] { 2, 3, 1 } select Ck(a, b);
        var memtable = WithRows(Comparator(false, true), rows);
        string Render(ClusteringIndexFilter f) => string.Join(" ",
            Assert.Single(memtable.Read(ReadPartition(1, f))).Rows.Select(r => $"{Sibyl.Data.Types.CqlType.Int.Compose(r.Clustering[0])}{Sibyl.Data.Types.CqlType.Int.Compose(r.Clustering[1])}"));

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
        var memtable = new Memtable(Comparator(false));
        memtable.Apply(UpdateOf(1, Insert(Ck(1), 10, 5)));
        memtable.Apply(UpdateOf(1, Update(Ck(1), 20, 6)));
        memtable.Apply(UpdateOf(1, Update(Ck(1), 30, 4)));   // older write loses
        var row = Assert.Single(Assert.Single(memtable.Read(ReadPartition(1))).Rows);
        Assert.Equal(20, ValueOf(row));
        Assert.Equal(5, row.PrimaryKeyLiveness.Timestamp);
        Assert.Equal(1, memtable.PartitionCount);
    }

    [Fact]
    public void MissingPartitionReadsAsNothing()
    {
        var memtable = Asc0To9();
        Assert.Empty(memtable.Read(ReadPartition(2)));
    }
}
