namespace Sibyl.Storage.SSTables;

/// <summary>The last block read by one scan, shared by its partitions: small partitions share blocks.</summary>
internal sealed class BlockCache
{
    public DataBlock? Last { get; set; }

    /// <summary>Whether blocks read go into the node's chunk cache (point reads) or only pass through it (scans).</summary>
    public bool Populate { get; init; }
}
