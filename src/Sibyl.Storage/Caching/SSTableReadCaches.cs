using Sibyl.Data.Partitioning;
using Sibyl.Storage.SSTables;

namespace Sibyl.Storage.Caching;

/// <summary>
/// The node's caches of SSTable reads, shared by every table: Cassandra's chunk cache (decompressed, verified
/// data blocks by SSTable and offset) and key cache (a partition's index entry by SSTable and key), so a
/// repeated point read costs neither a block read, a checksum and a decompression nor an index scan.
/// Each open SSTable takes an id from here; its entries go when it is released.
/// </summary>
public sealed class SSTableReadCaches
{
    /// <summary>Cassandra's file_cache_size default is the smaller of 512 MiB and a quarter of the heap; Sibyl keeps less
    /// resident by default because memtables already take their share.</summary>
    public const long DefaultChunkCacheBytes = 128L * 1024 * 1024;

    /// <summary>Off by default, unlike Cassandra's: an index lookup compares keys in place in one read of Index.db and
    /// costs less than a cache of index entries that churns (measured: a 32 MiB key cache over 300k partitions made
    /// point reads 40% dearer). Tests and experiments size it explicitly.</summary>
    public const long DefaultKeyCacheBytes = 0;

    private long _nextSSTableId;

    public SSTableReadCaches(long chunkCacheBytes = DefaultChunkCacheBytes, long keyCacheBytes = DefaultKeyCacheBytes)
    {
        Chunks = new ClockCache<ChunkKey, DataBlock>(chunkCacheBytes);
        Keys = new ClockCache<KeyCacheKey, IndexEntry>(keyCacheBytes);
    }

    internal ClockCache<ChunkKey, DataBlock> Chunks { get; }
    internal ClockCache<KeyCacheKey, IndexEntry> Keys { get; }

    public long ChunkCacheBytes => Chunks.Weight;
    public long ChunkCacheHits => Chunks.Hits;
    public long ChunkCacheMisses => Chunks.Misses;
    public long KeyCacheBytes => Keys.Weight;
    public int KeyCacheEntries => Keys.Count;
    public long KeyCacheHits => Keys.Hits;
    public long KeyCacheMisses => Keys.Misses;

    internal long NextSSTableId() => Interlocked.Increment(ref _nextSSTableId);

    /// <summary>Forgets an SSTable whose files are closed (compacted away, truncated, dropped).</summary>
    internal void Invalidate(long sstableId)
    {
        Chunks.RemoveWhere(k => k.SSTableId == sstableId);
        Keys.RemoveWhere(k => k.SSTableId == sstableId);
    }
}

internal readonly record struct ChunkKey(long SSTableId, long Offset);

internal readonly record struct KeyCacheKey(long SSTableId, DecoratedKey Key);
