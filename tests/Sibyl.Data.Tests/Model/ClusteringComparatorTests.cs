using Sibyl.Data.Model;
using Sibyl.Data.Types;

namespace Sibyl.Data.Tests.Model;

/// <summary>Clustering order (ASC/DESC per column, static first) and slice membership with inclusive/exclusive bounds.</summary>
public class ClusteringComparatorTests
{
    private static readonly ClusteringComparator Asc = new([CqlType.Int], [false]);
    private static readonly ClusteringComparator Desc = new([CqlType.Int], [true]);
    // (a int ASC, b text DESC)
    private static readonly ClusteringComparator Mixed = new([CqlType.Int, CqlType.Text], [false, true]);

    private static byte[] I(int v) => CqlType.Int.Decompose(v);
    private static byte[] T(string v) => CqlType.Text.Decompose(v);
    private static Clustering C(params int[] values) => new([.. values.Select(I)]);
    private static Clustering CT(int a, string b) => new([I(a), T(b)]);

    [Fact]
    public void AscendingOrdersByTypeNotBytes()
    {
        // -1 is 0xFFFFFFFF: bytewise it would sort after 1.
        Assert.True(Asc.Compare(C(-1), C(1)) < 0);
        Assert.True(Asc.Compare(C(2), C(1)) > 0);
        Assert.Equal(0, Asc.Compare(C(3), C(3)));
    }

    [Fact]
    public void DescendingReversesTheColumn()
    {
        Assert.True(Desc.Compare(C(2), C(1)) < 0);
        Assert.True(Desc.Compare(C(-1), C(1)) > 0);
        Assert.True(Desc.IsReversed(0));
        Assert.Equal(-Asc.CompareComponent(0, I(1), I(2)), Desc.CompareComponent(0, I(1), I(2)));
    }

    [Fact]
    public void MixedColumnsOrderEachColumnItsOwnWay()
    {
        var sorted = new[] { CT(2, "a"), CT(1, "a"), CT(1, "z"), CT(2, "b") }.Order(Mixed).ToList();
        Assert.Equal(["1:z", "1:a", "2:b", "2:a"], sorted.Select(c => $"{CqlType.Int.Compose(c[0])}:{CqlType.Text.Compose(c[1])}"));
    }

    [Fact]
    public void StaticClusteringSortsFirst()
    {
        Assert.True(Asc.Compare(Clustering.StaticClustering, C(int.MinValue)) < 0);
        Assert.True(Desc.Compare(C(int.MaxValue), Clustering.StaticClustering) > 0);
        Assert.Equal(0, Asc.Compare(Clustering.StaticClustering, Clustering.StaticClustering));
    }

    [Fact]
    public void SeekKeysSitJustBeforeOrAfterEverythingTheyPrefix()
    {
        var before1 = Clustering.ForBound([I(1)], Clustering.BoundSide.Before);
        var after1 = Clustering.ForBound([I(1)], Clustering.BoundSide.After);
        var ck = new ClusteringComparator([CqlType.Int, CqlType.Int], [false, false]);

        Assert.True(ck.Compare(C(0, 99), before1) < 0);
        Assert.True(ck.Compare(before1, C(1, int.MinValue)) < 0);
        Assert.True(ck.Compare(C(1, int.MaxValue), after1) < 0);
        Assert.True(ck.Compare(after1, C(2, int.MinValue)) < 0);
        Assert.True(ck.Compare(before1, after1) < 0);

        // Bounds of different lengths that share a prefix.
        var before12 = Clustering.ForBound([I(1), I(2)], Clustering.BoundSide.Before);
        var after12 = Clustering.ForBound([I(1), I(2)], Clustering.BoundSide.After);
        Assert.True(ck.Compare(before1, before12) < 0);
        Assert.True(ck.Compare(after12, after1) < 0);
        Assert.True(ck.Compare(before12, C(1, 2)) < 0);
        Assert.True(ck.Compare(C(1, 2), after12) < 0);

        // Empty prefixes are the ends of the partition.
        var bottom = Clustering.ForBound([], Clustering.BoundSide.Before);
        var top = Clustering.ForBound([], Clustering.BoundSide.After);
        Assert.True(ck.Compare(bottom, C(int.MinValue, int.MinValue)) < 0);
        Assert.True(ck.Compare(C(int.MaxValue, int.MaxValue), top) < 0);
    }

    [Fact]
    public void SeekKeysFollowDescendingOrder()
    {
        var before5 = Clustering.ForBound([I(5)], Clustering.BoundSide.Before);
        Assert.True(Desc.Compare(C(6), before5) < 0);   // 6 comes before 5 in DESC
        Assert.True(Desc.Compare(before5, C(5)) < 0);
        Assert.True(Desc.Compare(before5, C(4)) < 0);
    }

    [Theory]
    [InlineData(true, true, new[] { 2, 3, 4 })]
    [InlineData(false, true, new[] { 3, 4 })]
    [InlineData(true, false, new[] { 2, 3 })]
    [InlineData(false, false, new[] { 3 })]
    public void ContainsHonoursInclusiveAndExclusiveBounds(bool startInclusive, bool endInclusive, int[] expected)
    {
        var slice = new Slice(new ClusteringBound([I(2)], startInclusive), new ClusteringBound([I(4)], endInclusive));
        var inside = Enumerable.Range(0, 7).Where(v => Asc.Contains(slice, C(v))).ToArray();
        Assert.Equal(expected, inside);
    }

    [Fact]
    public void ContainsOnDescendingColumnUsesClusteringOrder()
    {
        // In DESC order the slice from 4 down to 2 is written start=4, end=2.
        var slice = new Slice(new ClusteringBound([I(4)], false), new ClusteringBound([I(2)], true));
        var inside = Enumerable.Range(0, 7).Where(v => Desc.Contains(slice, C(v))).ToArray();
        Assert.Equal([2, 3], inside);
    }

    [Fact]
    public void ContainsWithMultiColumnPrefixes()
    {
        var ck = new ClusteringComparator([CqlType.Int, CqlType.Int], [false, false]);
        // (a, b) > (1, 5) AND a <= 2
        var slice = new Slice(new ClusteringBound([I(1), I(5)], false), new ClusteringBound([I(2)], true));
        Assert.False(ck.Contains(slice, C(1, 5)));
        Assert.True(ck.Contains(slice, C(1, 6)));
        Assert.True(ck.Contains(slice, C(2, int.MinValue)));
        Assert.True(ck.Contains(slice, C(2, int.MaxValue)));
        Assert.False(ck.Contains(slice, C(3, 0)));
        Assert.False(ck.Contains(slice, C(0, 9)));

        var prefix = Slice.ForPrefix([I(1)]);
        Assert.True(ck.Contains(prefix, C(1, -100)));
        Assert.False(ck.Contains(prefix, C(2, -100)));
    }

    [Fact]
    public void SliceAllContainsEveryRowButNotTheStaticRow()
    {
        Assert.True(Slice.All.IsAll);
        Assert.True(Asc.Contains(Slice.All, C(int.MinValue)));
        Assert.False(Asc.Contains(Slice.All, Clustering.StaticClustering));
        Assert.True(ClusteringIndexFilter.All.SelectsAll);
    }

    [Fact]
    public void ComparePrefixesShorterEqualPrefixFirst()
    {
        Assert.True(Mixed.ComparePrefixes([I(1)], [I(1), T("a")]) < 0);
        Assert.True(Mixed.ComparePrefixes([I(1), T("a")], [I(1), T("b")]) > 0);   // DESC second column
        Assert.Equal(0, Mixed.ComparePrefixes([I(1), T("a")], [I(1), T("a")]));
    }
}
