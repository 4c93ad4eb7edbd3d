namespace Sibyl.Data.Model;

/// <summary>A contiguous range of clustering values [Start, End] within a partition, in clustering order.</summary>
public readonly record struct Slice(ClusteringBound Start, ClusteringBound End)
{
    public static readonly Slice All = new(ClusteringBound.Bottom, ClusteringBound.Top);

    public bool IsAll => Start.IsUnbounded && End.IsUnbounded;

    /// <summary>The slice selecting exactly the rows whose clustering starts with <paramref name="prefix"/>.</summary>
    public static Slice ForPrefix(byte[][] prefix) => new(new ClusteringBound(prefix, true), new ClusteringBound(prefix, true));
}
