namespace Sibyl.Storage.SSTables;

/// <summary>The last block read by one scan, shared by its partitions: small partitions share blocks.</summary>
internal sealed class BlockCache
{
    public DataBlock? Last { get; set; }
}
