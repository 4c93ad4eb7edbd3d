using System.Globalization;
using Sibyl.Common.Errors;

namespace Sibyl.Schema;

/// <summary>
/// Cassandra 4's validation of compaction sub-options (each strategy's static validateOptions, then
/// CompactionParams.validate): the options common to every strategy, SizeTiered's bucket options (which
/// Leveled and TimeWindow accept too), Leveled's sstable_size_in_mb and fanout_size, TimeWindow's window
/// options, then refusal of what no strategy understood and the min/max_threshold checks. Messages are
/// Cassandra's, Java number formatting included.
/// </summary>
internal static class CompactionStrategyOptions
{
    /// <param name="strategy">The strategy's simple class name.</param>
    /// <param name="options">The sub-options, class excluded, with the default thresholds already added.</param>
    public static void Validate(string strategy, IReadOnlyDictionary<string, string> options)
    {
        // UnifiedCompactionStrategy (5.0) has its own option set, not validated here.
        if (strategy == "UnifiedCompactionStrategy") return;
        var unknown = Common(options);
        switch (strategy)
        {
            case "LeveledCompactionStrategy":
                PositiveInt(options, "sstable_size_in_mb", "sstable_size_in_mb");
                PositiveInt(options, "fanout_size", "sstable_size_in_mb");
                unknown.Remove("sstable_size_in_mb");
                unknown.Remove("fanout_size");
                unknown.Remove("single_sstable_uplevel");
                break;
            case "TimeWindowCompactionStrategy":
                TimeWindow(options, unknown);
                break;
        }
        SizeTiered(options, unknown);
        unknown.Remove("min_threshold");
        unknown.Remove("max_threshold");
        if (unknown.Count > 0)
            throw new ConfigurationException($"Properties specified [{string.Join(", ", unknown.Order(StringComparer.Ordinal))}] are not understood by {strategy}");
        Thresholds(options);
    }

    /// <summary>AbstractCompactionStrategy.validateOptions: the options every strategy takes.</summary>
    private static HashSet<string> Common(IReadOnlyDictionary<string, string> options)
    {
        if (options.TryGetValue("tombstone_threshold", out var threshold))
        {
            if (!double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new ConfigurationException($"{threshold} is not a parsable int (base10) for tombstone_threshold");
            if (value < 0)
                throw new ConfigurationException($"tombstone_threshold must be greater than 0, but was {((float)value).ToString("F6", CultureInfo.InvariantCulture)}");
        }
        if (options.TryGetValue("tombstone_compaction_interval", out var interval))
        {
            if (!long.TryParse(interval, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                throw new ConfigurationException($"{interval} is not a parsable int (base10) for tombstone_compaction_interval");
            if (value < 0)
                throw new ConfigurationException($"tombstone_compaction_interval must be greater than 0, but was {value}");
        }
        if (options.TryGetValue("unchecked_tombstone_compaction", out var uncheckedValue) && !IsBoolean(uncheckedValue))
            throw new ConfigurationException($"'unchecked_tombstone_compaction' should be either 'true' or 'false', not '{uncheckedValue}'");
        if (options.TryGetValue("log_all", out var logAll) && !IsBoolean(logAll))
            throw new ConfigurationException($"'log_all' should either be 'true' or 'false', not {logAll}");
        if (options.TryGetValue("enabled", out var enabled) && !IsBoolean(enabled))
            throw new ConfigurationException($"enabled should either be 'true' or 'false', not {enabled}");
        if (options.TryGetValue("provide_overlapping_tombstones", out var overlapping)
            && !(overlapping.ToUpperInvariant() is "NONE" or "ROW" or "CELL"))
            throw new ConfigurationException($"Invalid value {overlapping} for 'provide_overlapping_tombstones' compaction sub-option");
        var result = new HashSet<string>(options.Keys, StringComparer.Ordinal);
        foreach (var known in (string[])["tombstone_threshold", "tombstone_compaction_interval", "unchecked_tombstone_compaction",
                     "log_all", "enabled", "only_purge_repaired_tombstones", "provide_overlapping_tombstones"])
            result.Remove(known);
        return result;
    }

    /// <summary>SizeTieredCompactionStrategyOptions.validateOptions.</summary>
    private static void SizeTiered(IReadOnlyDictionary<string, string> options, HashSet<string> unknown)
    {
        if (options.TryGetValue("min_sstable_size", out var min))
        {
            if (!long.TryParse(min, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                throw new ConfigurationException($"{min} is not a parsable int (base10) for min_sstable_size");
            if (value < 0)
                throw new ConfigurationException($"min_sstable_size must be non negative: {value}");
        }
        double low = Double(options, "bucket_low", 0.5), high = Double(options, "bucket_high", 1.5);
        if (high <= low)
            throw new ConfigurationException($"bucket_high value ({JavaDouble(high)}) is less than or equal to the bucket_low value ({JavaDouble(low)})");
        unknown.Remove("min_sstable_size");
        unknown.Remove("bucket_low");
        unknown.Remove("bucket_high");
    }

    /// <summary>TimeWindowCompactionStrategyOptions.validateOptions (unit names are case-sensitive, as Java's TimeUnit.valueOf).</summary>
    private static void TimeWindow(IReadOnlyDictionary<string, string> options, HashSet<string> unknown)
    {
        if (options.TryGetValue("timestamp_resolution", out var resolution)
            && resolution is not ("SECONDS" or "MILLISECONDS" or "MICROSECONDS" or "NANOSECONDS"))
            throw new ConfigurationException($"{resolution} is not valid for timestamp_resolution");
        if (options.TryGetValue("compaction_window_unit", out var unit) && unit is not ("MINUTES" or "HOURS" or "DAYS"))
            throw new ConfigurationException($"{unit} is not valid for compaction_window_unit");
        if (options.TryGetValue("compaction_window_size", out var size))
        {
            if (!int.TryParse(size, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                throw new ConfigurationException($"{size} is not a parsable int (base10) for compaction_window_size");
            if (value < 1)
                throw new ConfigurationException($"{value} must be greater than 1 for compaction_window_size");
        }
        if (options.TryGetValue("expired_sstable_check_frequency_seconds", out var frequency))
        {
            if (!long.TryParse(frequency, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                throw new ConfigurationException($"{frequency} is not a parsable int (base10) for expired_sstable_check_frequency_seconds");
            if (value < 0)
                throw new ConfigurationException($"expired_sstable_check_frequency_seconds must not be negative, but was {value}");
        }
        if (options.TryGetValue("unsafe_aggressive_sstable_expiration", out var aggressive))
        {
            if (!IsBoolean(aggressive))
                throw new ConfigurationException($"unsafe_aggressive_sstable_expiration is not 'true' or 'false' ({aggressive})");
            // Cassandra allows it only when started with -Dcassandra.allow_unsafe_aggressive_sstable_expiration=true.
            if (aggressive.Equals("true", StringComparison.OrdinalIgnoreCase))
                throw new ConfigurationException("unsafe_aggressive_sstable_expiration is requested but not allowed, restart cassandra with -Dcassandra.allow_unsafe_aggressive_sstable_expiration=true to allow it");
        }
        foreach (var known in (string[])["compaction_window_size", "compaction_window_unit", "timestamp_resolution",
                     "expired_sstable_check_frequency_seconds", "unsafe_aggressive_sstable_expiration"])
            unknown.Remove(known);
    }

    /// <summary>CompactionParams.validate's threshold checks.</summary>
    private static void Thresholds(IReadOnlyDictionary<string, string> options)
    {
        int min = Threshold(options, "min_threshold", 4), max = Threshold(options, "max_threshold", 32);
        if (min <= 0 || max <= 0)
            throw new ConfigurationException("Disabling compaction by setting compaction thresholds to 0 has been removed, set the compaction option 'enabled' to false instead.");
        if (min <= 1)
            throw new ConfigurationException($"Min compaction threshold cannot be less than 2 (got {min})");
        if (min > max)
            throw new ConfigurationException($"Min compaction threshold (got {min}) cannot be greater than max compaction threshold (got {max})");
    }

    private static int Threshold(IReadOnlyDictionary<string, string> options, string name, int defaultValue)
    {
        if (!options.TryGetValue(name, out var text)) return defaultValue;
        // StringUtils.isNumeric: digits only, so a sign is refused.
        if (text.Length == 0 || !text.All(char.IsAsciiDigit) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            throw new ConfigurationException($"Invalid value {text} for '{name}' compaction sub-option - must be an integer");
        return value;
    }

    /// <summary>Leveled's sstable_size_in_mb and fanout_size (Cassandra names sstable_size_in_mb's text in both parse errors).</summary>
    private static void PositiveInt(IReadOnlyDictionary<string, string> options, string name, string textOf)
    {
        if (!options.TryGetValue(name, out var text)) return;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw new ConfigurationException($"{options.GetValueOrDefault(textOf, "1")} is not a parsable int (base10) for {name}");
        if (value < 1)
            throw new ConfigurationException($"{name} must be larger than 0, but was {value}");
    }

    private static double Double(IReadOnlyDictionary<string, string> options, string name, double defaultValue)
    {
        if (!options.TryGetValue(name, out var text)) return defaultValue;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new ConfigurationException($"{text} is not a parsable float for {name}");
    }

    private static bool IsBoolean(string text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Java's Double.toString for the values these messages print.</summary>
    private static string JavaDouble(double d) => Data.Types.CqlType.Double.ToCqlString(Data.Types.CqlType.Double.Decompose(d));
}
