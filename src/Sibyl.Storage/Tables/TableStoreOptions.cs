using System.Globalization;
using Sibyl.Storage.Compaction;
using Sibyl.Storage.SSTables;

namespace Sibyl.Storage.Tables;

/// <summary>
/// What a <see cref="TableStore"/> needs of the table's schema options and the node's configuration, with
/// Cassandra's option names. Storage does not see the schema: the engine builds this from TableParams
/// (<see cref="FromTableParams"/>) and node settings, and replaces it on ALTER TABLE.
/// </summary>
public sealed record TableStoreOptions
{
    public static readonly TableStoreOptions Default = new();

    /// <summary>The table's <c>compaction</c> map: class and strategy options.</summary>
    public IReadOnlyDictionary<string, string> Compaction { get; init; } =
        new Dictionary<string, string> { ["class"] = "SizeTieredCompactionStrategy", ["min_threshold"] = "4", ["max_threshold"] = "32" };

    /// <summary>The table's <c>compression</c> map: class (LZ4Compressor, NoopCompressor...), chunk_length_in_kb, enabled.</summary>
    public IReadOnlyDictionary<string, string> Compression { get; init; } =
        new Dictionary<string, string> { ["class"] = "LZ4Compressor", ["chunk_length_in_kb"] = "16" };

    public double BloomFilterFpChance { get; init; } = 0.01;
    public int GcGraceSeconds { get; init; } = 864_000;
    public int MinIndexInterval { get; init; } = 128;

    /// <summary>This table's share of memtable space: a flush starts once its memtable takes this many heap bytes
    /// (object overhead included, see Memtable.HeapSize).</summary>
    public long MemtableFlushThresholdBytes { get; init; } = 64L * 1024 * 1024;

    public int TombstoneWarnThreshold { get; init; } = 1000;
    public int TombstoneFailureThreshold { get; init; } = 100_000;

    /// <summary>The node-wide compaction throughput limit (compaction_throughput), shared by every table; null is unthrottled.</summary>
    public CompactionThrottle? Throttle { get; init; }

    /// <summary>The node's SSTable read caches (chunk and key cache); the engine sets it, null reads uncached.</summary>
    public Caching.SSTableReadCaches? Caches { get; init; }

    /// <summary>The clock for gc_grace_seconds and TTL expiry during compaction.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public int NowInSeconds() => (int)Time.GetUtcNow().ToUnixTimeSeconds();

    public static TableStoreOptions FromTableParams(IReadOnlyDictionary<string, string> compaction, IReadOnlyDictionary<string, string> compression,
        double bloomFilterFpChance, int gcGraceSeconds, int minIndexInterval) => new()
    {
        Compaction = compaction,
        Compression = compression,
        BloomFilterFpChance = bloomFilterFpChance,
        GcGraceSeconds = gcGraceSeconds,
        MinIndexInterval = minIndexInterval,
    };

    /// <summary>The simple class name of the compaction strategy (without Cassandra's package).</summary>
    public string CompactionClass => SimpleName(Compaction.GetValueOrDefault("class") ?? "SizeTieredCompactionStrategy");

    public CompressionKind CompressionKind
    {
        get
        {
            if (Compression.TryGetValue("enabled", out var enabled) && enabled.Equals("false", StringComparison.OrdinalIgnoreCase))
                return CompressionKind.None;
            string cls = SimpleName(Compression.GetValueOrDefault("class") ?? "LZ4Compressor");
            // Snappy, Deflate and Zstd are accepted by the schema; Sibyl stores them as LZ4 (see docs/formats/sstable.md).
            return cls is "" or "NoopCompressor" ? CompressionKind.None : CompressionKind.Lz4;
        }
    }

    public int BlockSize =>
        Compression.TryGetValue("chunk_length_in_kb", out var kb) && int.TryParse(kb, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k > 0
            ? (int)Math.Min(1L << 30, k * 1024L)
            : 16 * 1024;

    public SSTableWriterOptions WriterOptions(int level) => new()
    {
        Compression = CompressionKind,
        BlockSize = BlockSize,
        BloomFilterFpChance = BloomFilterFpChance,
        IndexInterval = Math.Max(1, MinIndexInterval),
        Level = level,
        Caches = Caches,
    };

    /// <summary>An integer strategy option, or its default when absent or malformed.</summary>
    public int CompactionInt(string name, int defaultValue) =>
        Compaction.TryGetValue(name, out var v) && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) ? i : defaultValue;

    public double CompactionDouble(string name, double defaultValue) =>
        Compaction.TryGetValue(name, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : defaultValue;

    private static string SimpleName(string cls)
    {
        int dot = cls.LastIndexOf('.');
        return dot >= 0 ? cls[(dot + 1)..] : cls;
    }
}
