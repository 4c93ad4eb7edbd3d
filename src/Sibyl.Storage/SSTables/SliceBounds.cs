using Sibyl.Data.Model;

namespace Sibyl.Storage.SSTables;

/// <summary>Seek keys just outside a slice's bounds, comparable with row clusterings by <see cref="ClusteringComparator"/>.</summary>
internal readonly record struct SliceBounds(Clustering Low, Clustering High)
{
    public static SliceBounds Of(Slice slice) => new(
        Clustering.ForBound(slice.Start.Prefix, slice.Start.Inclusive || slice.Start.IsUnbounded ? Clustering.BoundSide.Before : Clustering.BoundSide.After),
        Clustering.ForBound(slice.End.Prefix, slice.End.Inclusive || slice.End.IsUnbounded ? Clustering.BoundSide.After : Clustering.BoundSide.Before));

    public bool IsEmpty(ClusteringComparator comparator) => comparator.Compare(Low, High) > 0;
}
