namespace Sibyl.Data.Model;

/// <summary>
/// One end of a clustering slice: a prefix of clustering values and whether rows equal to the prefix are
/// included. An empty prefix is the bottom (as a start) or top (as an end) of the partition.
/// </summary>
public readonly record struct ClusteringBound(byte[][] Prefix, bool Inclusive)
{
    public static readonly ClusteringBound Bottom = new([], true);
    public static readonly ClusteringBound Top = new([], true);

    public bool IsUnbounded => Prefix.Length == 0;
}
