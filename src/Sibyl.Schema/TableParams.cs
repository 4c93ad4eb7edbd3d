using System.Globalization;
using Sibyl.Common.Errors;
using Sibyl.Data.Types;

namespace Sibyl.Schema;

/// <summary>
/// Table options with Cassandra 4.1's names, defaults and validation (TableParams / TableAttributes).
/// Stored exactly as system_schema.tables shows them.
/// </summary>
public sealed record TableParams
{
    public const int MaxTtl = 630_720_000;

    /// <summary>BloomCalculations.minSupportedBloomFilterFpChance(): the best rate of the largest filter Cassandra builds.</summary>
    public const double MinBloomFilterFpChance = 6.71e-05;

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

    private static readonly IReadOnlyDictionary<string, string> DefaultCompaction = Map(
        ("class", "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy"),
        ("max_threshold", "32"),
        ("min_threshold", "4"));

    private static readonly IReadOnlyDictionary<string, string> DefaultCompression = Map(
        ("chunk_length_in_kb", "16"),
        ("class", "org.apache.cassandra.io.compress.LZ4Compressor"));

    // DateTieredCompactionStrategy was removed in Cassandra 4.0; UnifiedCompactionStrategy arrived in 5.0.
    // Declared after the default maps: static fields initialise in textual order.
    public static readonly TableParams Default = new();

    private static readonly string[] CompactionClasses =
        ["SizeTieredCompactionStrategy", "LeveledCompactionStrategy", "TimeWindowCompactionStrategy", "UnifiedCompactionStrategy"];

    private static readonly string[] CompressorClasses =
        ["LZ4Compressor", "SnappyCompressor", "DeflateCompressor", "ZstdCompressor", "NoopCompressor"];

    private static IReadOnlyDictionary<string, string> Map(params (string, string)[] pairs)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in pairs) map[k] = v;
        return map;
    }

    /// <summary>
    /// CREATE TABLE's params: the options applied onto the defaults. As in Cassandra, a bloom_filter_fp_chance
    /// left unset follows the compaction strategy (0.1 for LeveledCompactionStrategy, else 0.01); ALTER TABLE
    /// (<see cref="With"/> on the table's params) keeps the value the table already has.
    /// </summary>
    public static TableParams ForNewTable(IReadOnlyDictionary<string, OptionValue> options)
    {
        var p = Default.With(options);
        if (!options.ContainsKey("bloom_filter_fp_chance")
            && p.Compaction.TryGetValue("class", out var cls) && cls == "org.apache.cassandra.db.compaction.LeveledCompactionStrategy")
            p = p with { BloomFilterFpChance = 0.1 };
        return p;
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
                "additional_write_policy" => p with { AdditionalWritePolicy = SpeculativePolicy(Text(name, value)) },
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
                "speculative_retry" => p with { SpeculativeRetry = SpeculativePolicy(Text(name, value)) },
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
        if (BloomFilterFpChance <= MinBloomFilterFpChance || BloomFilterFpChance > 1)
            throw new ConfigurationException($"bloom_filter_fp_chance must be larger than {Fmt(MinBloomFilterFpChance)} and less than or equal to 1.0 (got {Fmt(BloomFilterFpChance)})");
        if (CrcCheckChance < 0 || CrcCheckChance > 1)
            throw new ConfigurationException($"crc_check_chance must be larger than or equal to 0 and smaller than or equal to 1.0 (got {Fmt(CrcCheckChance)})");
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

    /// <summary>Java's Double.toString, as Cassandra's messages print doubles ("1.1", "6.71E-5").</summary>
    private static string Fmt(double d) => CqlType.Double.ToCqlString(CqlType.Double.Decompose(d));

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
            _ => throw new SyntaxException($"Invalid boolean value {text} for '{name}'. Positive values can be '1', 'true' or 'yes'. Negative values can be '0', 'false' or 'no'."),
        };
    }

    private static string ReadRepairOption(string text) => text.ToUpperInvariant() switch
    {
        "BLOCKING" or "NONE" => text.ToUpperInvariant(),
        _ => throw new ConfigurationException($"Invalid value '{text}' for read_repair"),
    };

    /// <summary>
    /// Cassandra's SpeculativeRetryPolicy.fromString followed by toString: the canonical text system_schema
    /// shows ("99PERCENTILE" becomes "99p", "none" becomes "NEVER"). Messages always name speculative_retry,
    /// as Cassandra's do, even for additional_write_policy.
    /// </summary>
    private static string SpeculativePolicy(string text)
    {
        if (text.Equals("ALWAYS", StringComparison.OrdinalIgnoreCase)) return "ALWAYS";
        if (text.Equals("NEVER", StringComparison.OrdinalIgnoreCase) || text.Equals("NONE", StringComparison.OrdinalIgnoreCase)) return "NEVER";
        if (TrySimplePolicy(text, out var policy, out _)) return policy;
        string upper = text.ToUpperInvariant();
        if ((upper.StartsWith("MIN(", StringComparison.Ordinal) || upper.StartsWith("MAX(", StringComparison.Ordinal)) && upper.EndsWith(')'))
        {
            var args = text[4..^1].Split(',');
            if (args.Length == 2 && IsHybridArgument(args[0].Trim()) && IsHybridArgument(args[1].Trim()))
            {
                if (!TrySimplePolicy(args[0].Trim(), out var first, out bool firstIsPercentile)
                    || !TrySimplePolicy(args[1].Trim(), out var second, out bool secondIsPercentile))
                    throw InvalidPolicy(text);
                if (firstIsPercentile == secondIsPercentile)
                    throw new ConfigurationException($"Invalid value {text} for option 'speculative_retry': MIN()/MAX() arguments should be of different types, but both are of type {(firstIsPercentile ? "PERCENTILE" : "FIXED")}");
                return firstIsPercentile ? $"{upper[..3]}({first},{second})" : $"{upper[..3]}({second},{first})";
            }
        }
        throw InvalidPolicy(text);
    }

    private static ConfigurationException InvalidPolicy(string text) => new($"Invalid value {text} for option 'speculative_retry'");

    // HybridSpeculativeRetryPolicy's argument pattern: [0-9.]+[a-z]+
    private static bool IsHybridArgument(string arg)
    {
        int i = 0;
        while (i < arg.Length && (char.IsAsciiDigit(arg[i]) || arg[i] == '.')) i++;
        if (i == 0 || i == arg.Length) return false;
        for (int j = i; j < arg.Length; j++)
            if (!char.IsAsciiLetter(arg[j])) return false;
        return true;
    }

    /// <summary>A percentile ("99p", "99.5PERCENTILE") or fixed ("10ms") policy in canonical form.</summary>
    private static bool TrySimplePolicy(string text, out string policy, out bool isPercentile)
    {
        policy = "";
        isPercentile = false;
        int digits = 0;
        while (digits < text.Length && (char.IsAsciiDigit(text[digits]) || text[digits] == '.')) digits++;
        if (digits == 0) return false;
        string number = text[..digits], unit = text[digits..].ToUpperInvariant();
        if (unit is not ("P" or "PERCENTILE" or "MS")) return false;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            throw InvalidPolicy(text);
        if (unit == "MS")
        {
            policy = ((int)value).ToString(CultureInfo.InvariantCulture) + "ms";
            return true;
        }
        if (value <= 0 || value >= 100)
            throw new ConfigurationException($"Invalid value {text} for PERCENTILE option 'speculative_retry': must be between (0.0 and 100.0)");
        policy = value.ToString("0.####", CultureInfo.InvariantCulture) + "p";
        isPercentile = true;
        return true;
    }

    /// <summary>Cassandra's CachingParams.fromMap then asMap: an absent 'keys' means NONE, an absent
    /// 'rows_per_partition' means NONE, and a row count of 0 prints as NONE.</summary>
    private static IReadOnlyDictionary<string, string> CachingOptions(IReadOnlyDictionary<string, string> map)
    {
        var unknown = map.Keys.Where(k => k is not ("keys" or "rows_per_partition")).ToList();
        string keys = "NONE", rows = "NONE";
        if (map.TryGetValue("keys", out var k))
        {
            if (!k.Equals("ALL", StringComparison.OrdinalIgnoreCase) && !k.Equals("NONE", StringComparison.OrdinalIgnoreCase))
                throw new ConfigurationException($"Invalid value '{k}' for caching sub-option 'keys': only 'ALL' and 'NONE' are allowed");
            keys = k.ToUpperInvariant();
        }
        if (map.TryGetValue("rows_per_partition", out var r))
        {
            if (r.Equals("ALL", StringComparison.OrdinalIgnoreCase) || r.Equals("NONE", StringComparison.OrdinalIgnoreCase))
                rows = r.ToUpperInvariant();
            else if (r.Length > 0 && r.All(char.IsAsciiDigit) && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
                rows = count == 0 ? "NONE" : count == int.MaxValue ? "ALL" : count.ToString(CultureInfo.InvariantCulture);
            else
                throw new ConfigurationException($"Invalid value '{r}' for caching sub-option 'rows_per_partition': only 'ALL', 'NONE', and integer values are allowed");
        }
        if (unknown.Count > 0)
            throw new ConfigurationException($"Invalid caching sub-options [{string.Join(", ", unknown)}]: only 'keys' and 'rows_per_partition' are allowed");
        return Map(("keys", keys), ("rows_per_partition", rows));
    }

    /// <summary>Cassandra's CompactionParams.fromMap then asMap: the class by its full name, and the default
    /// thresholds added for every strategy that takes them (all but UnifiedCompactionStrategy).</summary>
    private static IReadOnlyDictionary<string, string> CompactionOptions(IReadOnlyDictionary<string, string> map)
    {
        if (!map.TryGetValue("class", out var cls))
            throw new ConfigurationException("Missing sub-option 'class' for the 'compaction' option");
        const string Package = "org.apache.cassandra.db.compaction.";
        string full = cls.Contains('.', StringComparison.Ordinal) ? cls : Package + cls;
        string simple = full.StartsWith(Package, StringComparison.Ordinal) ? full[Package.Length..] : "";
        if (!CompactionClasses.Contains(simple))
            throw new ConfigurationException($"Unable to find compaction strategy class '{full}'");
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map) result[k] = v;
        result["class"] = full;
        if (simple != "UnifiedCompactionStrategy")
        {
            result.TryAdd("max_threshold", "32");
            result.TryAdd("min_threshold", "4");
        }
        CompactionStrategyOptions.Validate(simple, result.Where(kv => kv.Key != "class").ToDictionary(StringComparer.Ordinal));
        return result;
    }

    // Options each compressor accepts besides chunk_length_in_kb and min_compress_ratio (ICompressor.supportedOptions).
    private static string[] CompressorOptions(string simple) => simple switch
    {
        "LZ4Compressor" => ["lz4_compressor_type", "lz4_high_compressor_level"],
        "ZstdCompressor" => ["compression_level"],
        _ => [],
    };

    /// <summary>Cassandra's CompressionParams.fromMap then asMap. An empty map or enabled=false disables
    /// compression, shown as {'enabled': 'false'}.</summary>
    private static IReadOnlyDictionary<string, string> CompressionOptions(IReadOnlyDictionary<string, string> map)
    {
        bool enabled = !map.TryGetValue("enabled", out var e) || e.Equals("true", StringComparison.OrdinalIgnoreCase);
        if (map.Count > 0 && enabled && !map.ContainsKey("class"))
            throw new ConfigurationException("Missing sub-option 'class' for the 'compression' option.");
        if (!enabled && map.Count > 1)
            throw new ConfigurationException("If the 'enabled' option is set to false no other options must be specified");
        if (!enabled || map.Count == 0 || (map.Count == 1 && map.ContainsKey("enabled")))
            return Map(("enabled", "false"));

        string cls = map["class"];
        if (cls.Length == 0)
            throw new ConfigurationException("The 'class' option must not be empty. To disable compression use 'enabled' : false");
        const string Package = "org.apache.cassandra.io.compress.";
        string full = cls.Contains('.', StringComparison.Ordinal) ? cls : Package + cls;
        string simple = full.StartsWith(Package, StringComparison.Ordinal) ? full[Package.Length..] : "";
        if (!CompressorClasses.Contains(simple))
            throw new ConfigurationException($"Could not create Compression for type {full}");

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        int chunkKb = 16;
        if (map.TryGetValue("chunk_length_in_kb", out var chunk))
        {
            if (!int.TryParse(chunk, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out chunkKb))
                throw new ConfigurationException("Invalid value for chunk_length_in_kb");
            if (chunkKb > int.MaxValue / 1024)
                throw new ConfigurationException($"Value of chunk_length_in_kb is too large ({chunkKb})");
        }
        double minRatio = 0;
        if (map.TryGetValue("min_compress_ratio", out var ratio)
            && !double.TryParse(ratio, NumberStyles.Float, CultureInfo.InvariantCulture, out minRatio))
            throw new ConfigurationException($"Invalid value for min_compress_ratio: {ratio}");
        var supported = CompressorOptions(simple);
        foreach (var (k, v) in map)
        {
            // crc_check_chance moved to a table option in 3.0; older scripts still pass it here.
            if (k is "class" or "enabled" or "chunk_length_in_kb" or "min_compress_ratio" or "crc_check_chance") continue;
            if (!supported.Contains(k))
                throw new ConfigurationException($"Unknown compression options {k}");
            result[k] = v;
        }
        if (chunkKb <= 0)
            throw new ConfigurationException("Invalid negative or null chunk_length_in_kb");
        if ((chunkKb & (chunkKb - 1)) != 0)
            throw new ConfigurationException("chunk_length_in_kb must be a power of 2");
        if (minRatio < 0)
            throw new ConfigurationException("Invalid negative min_compress_ratio");
        if (minRatio > 0 && minRatio < 1)
            throw new ConfigurationException("min_compress_ratio can either be 0 or greater than or equal to 1");
        result["chunk_length_in_kb"] = chunkKb.ToString(CultureInfo.InvariantCulture);
        result["class"] = full;
        if (minRatio != 0) result["min_compress_ratio"] = Fmt(minRatio);
        return result;
    }
}
