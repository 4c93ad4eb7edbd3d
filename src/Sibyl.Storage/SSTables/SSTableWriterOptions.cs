namespace Sibyl.Storage.SSTables;

/// <summary>How an SSTable is written: from the table's compression and bloom_filter_fp_chance options.</summary>
public sealed record SSTableWriterOptions
{
    public CompressionKind Compression { get; init; } = CompressionKind.Lz4;

    /// <summary>Uncompressed bytes after which a block is closed (compression chunk_length_in_kb).</summary>
    public int BlockSize { get; init; } = 16 * 1024;

    public double BloomFilterFpChance { get; init; } = 0.01;

    /// <summary>One summary entry per this many index entries (min_index_interval).</summary>
    public int IndexInterval { get; init; } = 128;

    /// <summary>LeveledCompactionStrategy level recorded in Statistics.db (0 for flushes).</summary>
    public int Level { get; init; }

    /// <summary>The node's read caches, which the finished SSTable's reader uses.</summary>
    public Caching.SSTableReadCaches? Caches { get; init; }
}
