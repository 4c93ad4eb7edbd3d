namespace Sibyl.Data.Model;

/// <summary>Which rows of a partition a read selects: sorted, non-overlapping slices, read forwards or in reverse.</summary>
public sealed record ClusteringIndexFilter(IReadOnlyList<Slice> Slices, bool Reversed)
{
    public static readonly ClusteringIndexFilter All = new([Slice.All], false);

    public bool SelectsAll => Slices.Count == 1 && Slices[0].IsAll;
}
