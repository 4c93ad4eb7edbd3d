using Sibyl.Common.Errors;

namespace Sibyl.Schema.Tests;

/// <summary>Table options as Cassandra 4.1 names, defaults, normalises and validates them (TableParams, TableAttributes).</summary>
public class TableParamsTests
{
    private static TableParams With(string name, string value) =>
        TableParams.Default.With(new Dictionary<string, OptionValue> { [name] = OptionValue.Of(value) });

    private static TableParams WithMap(string name, params (string Key, string Value)[] entries) =>
        TableParams.Default.With(new Dictionary<string, OptionValue> { [name] = OptionValue.Of(entries.ToDictionary(e => e.Key, e => e.Value)) });

    private static string Render(IReadOnlyDictionary<string, string> map) =>
        string.Join(", ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    [Fact]
    public void DefaultsMatchCassandra41()
    {
        var p = TableParams.Default;
        Assert.Equal("", p.Comment);
        Assert.Equal("99p", p.AdditionalWritePolicy);
        Assert.Equal(0.01, p.BloomFilterFpChance);
        Assert.Equal("keys=ALL, rows_per_partition=NONE", Render(p.Caching));
        Assert.False(p.Cdc);
        Assert.Equal("class=org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy, max_threshold=32, min_threshold=4", Render(p.Compaction));
        Assert.Equal("chunk_length_in_kb=16, class=org.apache.cassandra.io.compress.LZ4Compressor", Render(p.Compression));
        Assert.Equal(1.0, p.CrcCheckChance);
        Assert.Equal(0, p.DefaultTimeToLive);
        Assert.Empty(p.Extensions);
        Assert.Equal(864_000, p.GcGraceSeconds);
        Assert.Equal(2048, p.MaxIndexInterval);
        Assert.Equal(0, p.MemtableFlushPeriodInMs);
        Assert.Equal(128, p.MinIndexInterval);
        Assert.Equal("BLOCKING", p.ReadRepair);
        Assert.Equal("99p", p.SpeculativeRetry);
    }

    [Fact]
    public void OptionsApplyOntoPreviousParams()
    {
        var created = TableParams.Default.With(new Dictionary<string, OptionValue>
        {
            ["comment"] = OptionValue.Of("hello"),
            ["gc_grace_seconds"] = OptionValue.Of("3600"),
            ["default_time_to_live"] = OptionValue.Of("60"),
            ["bloom_filter_fp_chance"] = OptionValue.Of("0.1"),
            ["cdc"] = OptionValue.Of("TRUE"),
            ["read_repair"] = OptionValue.Of("none"),
        });
        var altered = created.With(new Dictionary<string, OptionValue> { ["comment"] = OptionValue.Of("bye") });
        Assert.Equal("bye", altered.Comment);
        Assert.Equal(3600, altered.GcGraceSeconds);
        Assert.Equal(60, altered.DefaultTimeToLive);
        Assert.Equal(0.1, altered.BloomFilterFpChance);
        Assert.True(altered.Cdc);
        Assert.Equal("NONE", altered.ReadRepair);
        Assert.Equal(864_000, TableParams.Default.GcGraceSeconds);   // records are immutable: Default untouched
    }

    [Theory]
    [InlineData("bloom_filter_fp_chance", "1.1", "bloom_filter_fp_chance must be larger than 6.71E-5 and less than or equal to 1.0 (got 1.1)")]
    [InlineData("bloom_filter_fp_chance", "0.0000001", "bloom_filter_fp_chance must be larger than 6.71E-5 and less than or equal to 1.0 (got 1.0E-7)")]
    [InlineData("bloom_filter_fp_chance", "0", "bloom_filter_fp_chance must be larger than 6.71E-5 and less than or equal to 1.0 (got 0.0)")]
    [InlineData("crc_check_chance", "1.5", "crc_check_chance must be larger than or equal to 0 and smaller than or equal to 1.0 (got 1.5)")]
    [InlineData("crc_check_chance", "-0.5", "crc_check_chance must be larger than or equal to 0 and smaller than or equal to 1.0 (got -0.5)")]
    [InlineData("default_time_to_live", "-1", "default_time_to_live must be greater than or equal to 0 (got -1)")]
    [InlineData("default_time_to_live", "630720001", "default_time_to_live must be less than or equal to 630720000 (got 630720001)")]
    [InlineData("gc_grace_seconds", "-1", "gc_grace_seconds must be greater than or equal to 0 (got -1)")]
    [InlineData("min_index_interval", "0", "min_index_interval must be greater than or equal to 1 (got 0)")]
    [InlineData("max_index_interval", "64", "max_index_interval must be greater than or equal to min_index_interval (128) (got 64)")]
    [InlineData("memtable_flush_period_in_ms", "-5", "memtable_flush_period_in_ms must be greater than or equal to 0 (got -5)")]
    [InlineData("speculative_retry", "sometimes", "Invalid value sometimes for option 'speculative_retry'")]
    [InlineData("speculative_retry", "100p", "Invalid value 100p for PERCENTILE option 'speculative_retry': must be between (0.0 and 100.0)")]
    [InlineData("speculative_retry", "MIN(10ms,20ms)", "Invalid value MIN(10ms,20ms) for option 'speculative_retry': MIN()/MAX() arguments should be of different types, but both are of type FIXED")]
    [InlineData("additional_write_policy", "later", "Invalid value later for option 'speculative_retry'")]
    public void ValidationFailuresAreConfigurationErrorsWithCassandrasMessages(string option, string value, string message)
    {
        var e = Assert.Throws<ConfigurationException>(() => With(option, value));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("bloom_filter_fp_chance", "1.0")]
    [InlineData("bloom_filter_fp_chance", "0.0001")]
    [InlineData("crc_check_chance", "0")]
    [InlineData("default_time_to_live", "630720000")]
    [InlineData("gc_grace_seconds", "0")]
    [InlineData("max_index_interval", "128")]
    public void BoundaryValuesAreAccepted(string option, string value) => With(option, value).Validate();

    [Theory]
    [InlineData("gc_grace_seconds", "ten", "Invalid integer value ten for 'gc_grace_seconds'")]
    [InlineData("gc_grace_seconds", "1.5", "Invalid integer value 1.5 for 'gc_grace_seconds'")]
    [InlineData("crc_check_chance", "half", "Invalid double value half for 'crc_check_chance'")]
    [InlineData("cdc", "maybe", "Invalid boolean value maybe for 'cdc'. Positive values can be '1', 'true' or 'yes'. Negative values can be '0', 'false' or 'no'.")]
    [InlineData("no_such_option", "1", "Unknown property 'no_such_option'")]
    public void MalformedValuesAreSyntaxErrors(string option, string value, string message)
    {
        var e = Assert.Throws<SyntaxException>(() => With(option, value));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void MapAndStringMismatchesAreSyntaxErrors()
    {
        Assert.Equal("Invalid value for property 'compaction'. It should be a map.",
            Assert.Throws<SyntaxException>(() => With("compaction", "STCS")).Message);
        Assert.Equal("Invalid value for property 'comment'. It should be a string",
            Assert.Throws<SyntaxException>(() => WithMap("comment", ("a", "b"))).Message);
    }

    [Theory]
    [InlineData("99PERCENTILE", "99p")]
    [InlineData("99.5p", "99.5p")]
    [InlineData("50.0P", "50p")]
    [InlineData("always", "ALWAYS")]
    [InlineData("none", "NEVER")]
    [InlineData("NEVER", "NEVER")]
    [InlineData("10ms", "10ms")]
    [InlineData("12.7MS", "12ms")]
    [InlineData("min(99p,10ms)", "MIN(99p,10ms)")]
    [InlineData("MAX(10ms, 90percentile)", "MAX(90p,10ms)")]
    public void SpeculativeRetryIsStoredInCanonicalForm(string text, string stored)
    {
        Assert.Equal(stored, With("speculative_retry", text).SpeculativeRetry);
        Assert.Equal(stored, With("additional_write_policy", text).AdditionalWritePolicy);
    }

    [Fact]
    public void CachingFollowsCachingParams()
    {
        Assert.Equal("keys=NONE, rows_per_partition=ALL", Render(WithMap("caching", ("rows_per_partition", "all")).Caching));
        Assert.Equal("keys=ALL, rows_per_partition=NONE", Render(WithMap("caching", ("keys", "all")).Caching));
        Assert.Equal("keys=ALL, rows_per_partition=100", Render(WithMap("caching", ("keys", "ALL"), ("rows_per_partition", "100")).Caching));
        Assert.Equal("keys=ALL, rows_per_partition=NONE", Render(WithMap("caching", ("keys", "ALL"), ("rows_per_partition", "0")).Caching));

        Assert.Equal("Invalid value 'some' for caching sub-option 'keys': only 'ALL' and 'NONE' are allowed",
            Assert.Throws<ConfigurationException>(() => WithMap("caching", ("keys", "some"))).Message);
        Assert.Equal("Invalid value '-1' for caching sub-option 'rows_per_partition': only 'ALL', 'NONE', and integer values are allowed",
            Assert.Throws<ConfigurationException>(() => WithMap("caching", ("rows_per_partition", "-1"))).Message);
        Assert.Equal("Invalid caching sub-options [rows]: only 'keys' and 'rows_per_partition' are allowed",
            Assert.Throws<ConfigurationException>(() => WithMap("caching", ("keys", "ALL"), ("rows", "1"))).Message);
    }

    [Fact]
    public void CompactionFollowsCompactionParams()
    {
        Assert.Equal("class=org.apache.cassandra.db.compaction.LeveledCompactionStrategy, max_threshold=32, min_threshold=4, sstable_size_in_mb=160",
            Render(WithMap("compaction", ("class", "LeveledCompactionStrategy"), ("sstable_size_in_mb", "160")).Compaction));
        Assert.Equal("class=org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy, max_threshold=64, min_threshold=4",
            Render(WithMap("compaction", ("class", "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy"), ("max_threshold", "64")).Compaction));
        Assert.Equal("class=org.apache.cassandra.db.compaction.TimeWindowCompactionStrategy, compaction_window_size=1, max_threshold=32, min_threshold=4",
            Render(WithMap("compaction", ("class", "TimeWindowCompactionStrategy"), ("compaction_window_size", "1")).Compaction));

        Assert.Equal("Missing sub-option 'class' for the 'compaction' option",
            Assert.Throws<ConfigurationException>(() => WithMap("compaction", ("min_threshold", "2"))).Message);
        Assert.Equal("Unable to find compaction strategy class 'org.apache.cassandra.db.compaction.DateTieredCompactionStrategy'",
            Assert.Throws<ConfigurationException>(() => WithMap("compaction", ("class", "DateTieredCompactionStrategy"))).Message);
        Assert.Equal("Unable to find compaction strategy class 'com.example.Mine'",
            Assert.Throws<ConfigurationException>(() => WithMap("compaction", ("class", "com.example.Mine"))).Message);
    }

    [Theory]
    [InlineData("LeveledCompactionStrategy", "sstable_size_in_mb", "-5", "sstable_size_in_mb must be larger than 0, but was -5")]
    [InlineData("LeveledCompactionStrategy", "sstable_size_in_mb", "big", "big is not a parsable int (base10) for sstable_size_in_mb")]
    [InlineData("LeveledCompactionStrategy", "fanout_size", "0", "fanout_size must be larger than 0, but was 0")]
    [InlineData("SizeTieredCompactionStrategy", "tombstone_threshold", "-0.4", "tombstone_threshold must be greater than 0, but was -0.400000")]
    [InlineData("LeveledCompactionStrategy", "tombstone_compaction_interval", "-7", "tombstone_compaction_interval must be greater than 0, but was -7")]
    [InlineData("LeveledCompactionStrategy", "unchecked_tombstone_compaction", "maybe", "'unchecked_tombstone_compaction' should be either 'true' or 'false', not 'maybe'")]
    [InlineData("LeveledCompactionStrategy", "enabled", "certainly", "enabled should either be 'true' or 'false', not certainly")]
    [InlineData("SizeTieredCompactionStrategy", "min_sstable_size", "-1", "min_sstable_size must be non negative: -1")]
    [InlineData("SizeTieredCompactionStrategy", "bucket_high", "0.4", "bucket_high value (0.4) is less than or equal to the bucket_low value (0.5)")]
    [InlineData("SizeTieredCompactionStrategy", "min_threshold", "1", "Min compaction threshold cannot be less than 2 (got 1)")]
    [InlineData("SizeTieredCompactionStrategy", "min_threshold", "64", "Min compaction threshold (got 64) cannot be greater than max compaction threshold (got 32)")]
    [InlineData("SizeTieredCompactionStrategy", "max_threshold", "0", "Disabling compaction by setting compaction thresholds to 0 has been removed, set the compaction option 'enabled' to false instead.")]
    [InlineData("SizeTieredCompactionStrategy", "max_threshold", "-1", "Invalid value -1 for 'max_threshold' compaction sub-option - must be an integer")]
    [InlineData("TimeWindowCompactionStrategy", "compaction_window_unit", "SECONDS", "SECONDS is not valid for compaction_window_unit")]
    [InlineData("TimeWindowCompactionStrategy", "compaction_window_size", "-8", "-8 must be greater than 1 for compaction_window_size")]
    [InlineData("TimeWindowCompactionStrategy", "timestamp_resolution", "HOURS", "HOURS is not valid for timestamp_resolution")]
    [InlineData("LeveledCompactionStrategy", "compaction_window_size", "1", "Properties specified [compaction_window_size] are not understood by LeveledCompactionStrategy")]
    [InlineData("SizeTieredCompactionStrategy", "cold_reads_to_omit", "0.5", "Properties specified [cold_reads_to_omit] are not understood by SizeTieredCompactionStrategy")]
    public void CompactionSubOptionsAreValidatedPerStrategy(string strategy, string option, string value, string message)
    {
        Assert.Equal(message, Assert.Throws<ConfigurationException>(() => WithMap("compaction", ("class", strategy), (option, value))).Message);
    }

    [Fact]
    public void ValidCompactionSubOptionsAreKept()
    {
        var twcs = WithMap("compaction", ("class", "TimeWindowCompactionStrategy"), ("compaction_window_unit", "HOURS"), ("compaction_window_size", "6"),
            ("timestamp_resolution", "MILLISECONDS"), ("bucket_low", "0.4"), ("tombstone_threshold", "0.3"), ("unchecked_tombstone_compaction", "TRUE"));
        Assert.Equal("HOURS", twcs.Compaction["compaction_window_unit"]);
        var lcs = WithMap("compaction", ("class", "LeveledCompactionStrategy"), ("sstable_size_in_mb", "+10"), ("fanout_size", "4"), ("enabled", "false"),
            ("min_sstable_size", "0"), ("only_purge_repaired_tombstones", "x"), ("provide_overlapping_tombstones", "row"));
        Assert.Equal("+10", lcs.Compaction["sstable_size_in_mb"]);
    }

    [Fact]
    public void CompressionFollowsCompressionParams()
    {
        Assert.Equal("chunk_length_in_kb=64, class=org.apache.cassandra.io.compress.ZstdCompressor, compression_level=3",
            Render(WithMap("compression", ("class", "ZstdCompressor"), ("chunk_length_in_kb", "64"), ("compression_level", "3")).Compression));
        Assert.Equal("chunk_length_in_kb=16, class=org.apache.cassandra.io.compress.SnappyCompressor",
            Render(WithMap("compression", ("class", "org.apache.cassandra.io.compress.SnappyCompressor")).Compression));
        Assert.Equal("enabled=false", Render(WithMap("compression", ("enabled", "false")).Compression));
        Assert.Equal("enabled=false", Render(WithMap("compression").Compression));

        Assert.Equal("Missing sub-option 'class' for the 'compression' option.",
            Assert.Throws<ConfigurationException>(() => WithMap("compression", ("chunk_length_in_kb", "32"))).Message);
        Assert.Equal("If the 'enabled' option is set to false no other options must be specified",
            Assert.Throws<ConfigurationException>(() => WithMap("compression", ("enabled", "false"), ("class", "LZ4Compressor"))).Message);
        Assert.Equal("chunk_length_in_kb must be a power of 2",
            Assert.Throws<ConfigurationException>(() => WithMap("compression", ("class", "LZ4Compressor"), ("chunk_length_in_kb", "24"))).Message);
        Assert.Equal("Invalid negative or null chunk_length_in_kb",
            Assert.Throws<ConfigurationException>(() => WithMap("compression", ("class", "LZ4Compressor"), ("chunk_length_in_kb", "0"))).Message);
        Assert.Equal("Could not create Compression for type org.apache.cassandra.io.compress.BrotliCompressor",
            Assert.Throws<ConfigurationException>(() => WithMap("compression", ("class", "BrotliCompressor"))).Message);
        Assert.Equal("Unknown compression options compression_level",
            Assert.Throws<ConfigurationException>(() => WithMap("compression", ("class", "DeflateCompressor"), ("compression_level", "3"))).Message);
        Assert.Equal("min_compress_ratio can either be 0 or greater than or equal to 1",
            Assert.Throws<ConfigurationException>(() => WithMap("compression", ("class", "LZ4Compressor"), ("min_compress_ratio", "0.5"))).Message);
    }

    [Fact]
    public void NewLeveledTablesDefaultToATenPercentBloomFilter()
    {
        var lcs = new Dictionary<string, OptionValue> { ["compaction"] = OptionValue.Of(new Dictionary<string, string> { ["class"] = "LeveledCompactionStrategy" }) };
        Assert.Equal(0.1, TableParams.ForNewTable(lcs).BloomFilterFpChance);
        Assert.Equal(0.01, TableParams.ForNewTable(new Dictionary<string, OptionValue>()).BloomFilterFpChance);

        var explicitChance = new Dictionary<string, OptionValue>(lcs) { ["bloom_filter_fp_chance"] = OptionValue.Of("0.05") };
        Assert.Equal(0.05, TableParams.ForNewTable(explicitChance).BloomFilterFpChance);

        // ALTER to LCS keeps the table's current chance.
        Assert.Equal(0.01, TableParams.ForNewTable(new Dictionary<string, OptionValue>()).With(lcs).BloomFilterFpChance);
    }

    [Fact]
    public void ExtensionsAreHexBlobs()
    {
        var p = WithMap("extensions", ("ext", "0xcafe"));
        Assert.Equal(new byte[] { 0xCA, 0xFE }, p.Extensions["ext"]);
    }
}
