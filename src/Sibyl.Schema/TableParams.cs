using System.Globalization;
using Sibyl.Common.Errors;

namespace Sibyl.Schema;

/// <summary>
/// Table options with Cassandra 4.1's names, defaults and validation (TableParams / TableAttributes).
/// Stored exactly as system_schema.tables shows them.
/// </summary>
public sealed record TableParams
{
    public const int MaxTtl = 630_720_000;

    public string Comment { get; init; } = "";
    public string AdditionalWritePolicy { get; init; } = "99p";
    public double BloomFilterFpChance { get; init; } = 0.01;
    public IReadOnlyDictionary<string, string> Caching { get; init; } = Map(("keys", "ALL"), ("rows_per_partition", "NONE"));
    public bool Cdc { get; init; }
    public IReadOnlyDictionary<string, string> Compaction { get; init; } = DefaultCompaction;
    public IReadOnlyDictionary<string, string> Compression { get; init; } = DefaultCompression;
    public double CrcCheckChance { get; init; } = 1.0;
    public int DefaultTimeToLive { get; init; }
    public IReadOnlyDictionary<string, byte[]> Extensions { get; init; } = new Dictionary<string, byte[]>();
    public int GcGraceSeconds { get; init; } = 864_000;
    public int MaxIndexInterval { get; init; } = 2048;
    public int MemtableFlushPeriodInMs { get; init; }
    public int MinIndexInterval { get; init; } = 128;
    public string ReadRepair { get; init; } = "BLOCKING";
    public string SpeculativeRetry { get; init; } = "99p";

    public static readonly TableParams Default = new();

    private static readonly IReadOnlyDictionary<string, string> DefaultCompaction = Map(
        ("class", "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy"),
        ("max_threshold", "32"),
        ("min_threshold", "4"));

    private static readonly IReadOnlyDictionary<string, string> DefaultCompression = Map(
        ("chunk_length_in_kb", "16"),
        ("class", "org.apache.cassandra.io.compress.LZ4Compressor"));

    private static readonly string[] CompactionClasses =
        ["SizeTieredCompactionStrategy", "LeveledCompactionStrategy", "TimeWindowCompactionStrategy", "DateTieredCompactionStrategy", "UnifiedCompactionStrategy"];

    private static readonly string[] CompressorClasses =
        ["LZ4Compressor", "SnappyCompressor", "DeflateCompressor", "ZstdCompressor", "NoopCompressor"];

    private static IReadOnlyDictionary<string, string> Map(params (string, string)[] pairs)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in pairs) map[k] = v;
        return map;
    }

    /// <summary>Applies CREATE/ALTER TABLE ... WITH options onto these params, validating as Cassandra does.</summary>
    public TableParams With(IReadOnlyDictionary<string, OptionValue> options)
    {
        var p = this;
        foreach (var (name, value) in options)
        {
            p = name switch
            {
                "comment" => p with { Comment = Text(name, value) },
                "additional_write_policy" => p with { AdditionalWritePolicy = SpeculativePolicy(name, Text(name, value)) },
                "bloom_filter_fp_chance" => p with { BloomFilterFpChance = Double(name, value) },
                "caching" => p with { Caching = CachingOptions(MapOf(name, value)) },
                "cdc" => p with { Cdc = Bool(name, value) },
                "compaction" => p with { Compaction = CompactionOptions(MapOf(name, value)) },
                "compression" => p with { Compression = CompressionOptions(MapOf(name, value)) },
                "crc_check_chance" => p with { CrcCheckChance = Double(name, value) },
                "default_time_to_live" => p with { DefaultTimeToLive = Int(name, value) },
                "gc_grace_seconds" => p with { GcGraceSeconds = Int(name, value) },
                "max_index_interval" => p with { MaxIndexInterval = Int(name, value) },
                "memtable_flush_period_in_ms" => p with { MemtableFlushPeriodInMs = Int(name, value) },
                "min_index_interval" => p with { MinIndexInterval = Int(name, value) },
                "read_repair" => p with { ReadRepair = ReadRepairOption(Text(name, value)) },
                "speculative_retry" => p with { SpeculativeRetry = SpeculativePolicy(name, Text(name, value)) },
                "extensions" => p with { Extensions = MapOf(name, value).ToDictionary(kv => kv.Key, kv => Convert.FromHexString(kv.Value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? kv.Value[2..] : kv.Value)) },
                "memtable" => p,
                _ => throw new SyntaxException($"Unknown property '{name}'"),
            };
        }
        p.Validate();
        return p;
    }

    public void Validate()
    {
        if (BloomFilterFpChance <= 0 || BloomFilterFpChance > 1)
            throw new ConfigurationException($"bloom_filter_fp_chance must be larger than 0 and less than or equal to 1.0 (got {Fmt(BloomFilterFpChance)})");
        if (CrcCheckChance < 0 || CrcCheckChance > 1)
            throw new ConfigurationException($"crc_check_chance must be larger than or equal to 0 and less than or equal to 1.0 (got {Fmt(CrcCheckChance)})");
        if (DefaultTimeToLive < 0)
            throw new ConfigurationException($"default_time_to_live must be greater than or equal to 0 (got {DefaultTimeToLive})");
        if (DefaultTimeToLive > MaxTtl)
            throw new ConfigurationException($"default_time_to_live must be less than or equal to {MaxTtl} (got {DefaultTimeToLive})");
        if (GcGraceSeconds < 0)
            throw new ConfigurationException($"gc_grace_seconds must be greater than or equal to 0 (got {GcGraceSeconds})");
        if (MinIndexInterval < 1)
            throw new ConfigurationException($"min_index_interval must be greater than or equal to 1 (got {MinIndexInterval})");
        if (MaxIndexInterval < MinIndexInterval)
            throw new ConfigurationException($"max_index_interval must be greater than or equal to min_index_interval ({MinIndexInterval}) (got {MaxIndexInterval})");
        if (MemtableFlushPeriodInMs < 0)
            throw new ConfigurationException($"memtable_flush_period_in_ms must be greater than or equal to 0 (got {MemtableFlushPeriodInMs})");
    }

    private static string Fmt(double d) => d.ToString("0.0###############", CultureInfo.InvariantCulture);

    private static string Text(string name, OptionValue v) =>
        v.Text ?? throw new SyntaxException($"Invalid value for property '{name}'. It should be a string");

    private static IReadOnlyDictionary<string, string> MapOf(string name, OptionValue v) =>
        v.Map ?? throw new SyntaxException($"Invalid value for property '{name}'. It should be a map.");

    private static int Int(string name, OptionValue v)
    {
        var text = Text(name, v);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i)
            ? i
            : throw new SyntaxException($"Invalid integer value {text} for '{name}'");
    }

    private static double Double(string name, OptionValue v)
    {
        var text = Text(name, v);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            ? d
            : throw new SyntaxException($"Invalid double value {text} for '{name}'");
    }

    private static bool Bool(string name, OptionValue v)
    {
        var text = Text(name, v);
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw new SyntaxException($"Invalid boolean value {text} for '{name}'. Possible values are 'true', 'false', '1', '0', 'yes' and 'no'"),
        };
    }

    private static string ReadRepairOption(string text) => text.ToUpperInvariant() switch
    {
        "BLOCKING" or "NONE" => text.ToUpperInvariant(),
        _ => throw new ConfigurationException($"Invalid value '{text}' for read_repair"),
    };

    private static string SpeculativePolicy(string name, string text)
    {
        string upper = text.ToUpperInvariant();
        bool ok = upper is "ALWAYS" or "NONE" or "NEVER"
            || (upper.EndsWith("PERCENTILE", StringComparison.Ordinal) && double.TryParse(upper[..^10], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            || (upper.EndsWith('P') && double.TryParse(upper[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            || (upper.EndsWith("MS", StringComparison.Ordinal) && double.TryParse(upper[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            || upper.StartsWith("MIN(", StringComparison.Ordinal) || upper.StartsWith("MAX(", StringComparison.Ordinal);
        if (!ok) throw new ConfigurationException($"Invalid value {text} for option '{name}'");
        return text;
    }

    private static IReadOnlyDictionary<string, string> CachingOptions(IReadOnlyDictionary<string, string> map)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["keys"] = "ALL", ["rows_per_partition"] = "NONE" };
        foreach (var (k, v) in map)
        {
            if (k == "keys")
            {
                if (!v.Equals("ALL", StringComparison.OrdinalIgnoreCase) && !v.Equals("NONE", StringComparison.OrdinalIgnoreCase))
                    throw new ConfigurationException($"Invalid value '{v}' for caching sub-option 'keys': only 'ALL' and 'NONE' are allowed");
                result[k] = v.ToUpperInvariant();
            }
            else if (k == "rows_per_partition")
            {
                if (!v.Equals("ALL", StringComparison.OrdinalIgnoreCase) && !v.Equals("NONE", StringComparison.OrdinalIgnoreCase) && !int.TryParse(v, out _))
                    throw new ConfigurationException($"Invalid value '{v}' for caching sub-option 'rows_per_partition': only 'ALL', 'NONE' or a positive integer are allowed");
                result[k] = v.ToUpperInvariant();
            }
            else
            {
                throw new ConfigurationException($"Invalid caching sub-options {{{k}}}: only 'keys' and 'rows_per_partition' are allowed");
            }
        }
        return result;
    }

    private static IReadOnlyDictionary<string, string> CompactionOptions(IReadOnlyDictionary<string, string> map)
    {
        if (!map.TryGetValue("class", out var cls))
            throw new ConfigurationException("Missing sub-option 'class' for the 'compaction' option.");
        string simple = cls.Contains('.', StringComparison.Ordinal) ? cls[(cls.LastIndexOf('.') + 1)..] : cls;
        if (!CompactionClasses.Contains(simple) || (cls.Contains('.', StringComparison.Ordinal) && !cls.StartsWith("org.apache.cassandra.db.compaction.", StringComparison.Ordinal)))
            throw new ConfigurationException($"Unable to find compaction strategy class '{cls}'");
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map) result[k] = v;
        result["class"] = "org.apache.cassandra.db.compaction." + simple;
        if (simple == "SizeTieredCompactionStrategy")
        {
            result.TryAdd("max_threshold", "32");
            result.TryAdd("min_threshold", "4");
        }
        return result;
    }

    private static IReadOnlyDictionary<string, string> CompressionOptions(IReadOnlyDictionary<string, string> map)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (map.TryGetValue("enabled", out var enabled) && enabled.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            result["enabled"] = "false";
            return result;
        }
        string cls = map.TryGetValue("class", out var c) ? c : (map.TryGetValue("sstable_compression", out var s) ? s : "LZ4Compressor");
        string simple = cls.Contains('.', StringComparison.Ordinal) ? cls[(cls.LastIndexOf('.') + 1)..] : cls;
        if (!CompressorClasses.Contains(simple))
            throw new ConfigurationException($"Could not create Compression for type {cls}");
        foreach (var (k, v) in map)
        {
            if (k is "class" or "sstable_compression" or "enabled") continue;
            if (k is "chunk_length_in_kb" or "chunk_length_kb")
            {
                if (!int.TryParse(v, out int kb) || kb <= 0 || (kb & (kb - 1)) != 0)
                    throw new ConfigurationException($"Invalid negative or null chunk_length_in_kb");
                result["chunk_length_in_kb"] = v;
            }
            else if (k is "crc_check_chance" or "min_compress_ratio" or "compression_level" or "max_compressed_length")
            {
                result[k] = v;
            }
            else
            {
                throw new ConfigurationException($"Unknown compression options {k}");
            }
        }
        result.TryAdd("chunk_length_in_kb", "16");
        result["class"] = "org.apache.cassandra.io.compress." + simple;
        return result;
    }
}
