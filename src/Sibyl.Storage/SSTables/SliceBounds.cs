using Sibyl.Data.Model;

namespace Sibyl.Storage.SSTables;

/// <summary>Seek keys just outside a slice's bounds, comparable with row clusterings by <see cref="ClusteringComparator"/>.</summary>
internal readonly record struct SliceBounds(Clustering Low, Clustering High)
{
    // An empty prefix (an unbounded end, the bounds of nearly every read) gives the same seek key each time.
    private static readonly Clustering BeforeAll = Clustering.ForBound([], Clustering.BoundSide.Before);
    private static readonly Clustering AfterAll = Clustering.ForBound([], Clustering.BoundSide.After);

    public static SliceBounds Of(Slice slice) => new(
        SeekKey(slice.Start.Prefix, slice.Start.Inclusive || slice.Start.IsUnbounded ? Clustering.BoundSide.Before : Clustering.BoundSide.After),
        SeekKey(slice.End.Prefix, slice.End.Inclusive || slice.End.IsUnbounded ? Clustering.BoundSide.After : Clustering.BoundSide.Before));

    private static Clustering SeekKey(byte[][] prefix, Clustering.BoundSide side) =>
        prefix.Length > 0 ? Clustering.ForBound(prefix, side) : side == Clustering.BoundSide.Before ? BeforeAll : AfterAll;

    public bool IsEmpty(ClusteringComparator comparator) => comparator.Compare(Low, High) > 0;
}
