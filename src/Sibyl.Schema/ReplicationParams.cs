using System.Globalization;
using Sibyl.Common.Errors;

namespace Sibyl.Schema;

/// <summary>
/// A keyspace's replication: the strategy class (stored with its full name) and its options, validated as
/// Cassandra's AbstractReplicationStrategy does.
/// </summary>
public sealed record ReplicationParams(string StrategyClass, IReadOnlyDictionary<string, string> Options)
{
    public const string SimpleStrategy = "org.apache.cassandra.locator.SimpleStrategy";
    public const string NetworkTopologyStrategy = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    public const string LocalStrategy = "org.apache.cassandra.locator.LocalStrategy";
    public const string EverywhereStrategy = "org.apache.cassandra.locator.EverywhereStrategy";

    public static readonly ReplicationParams Local = new(LocalStrategy, new Dictionary<string, string>());

    /// <summary>The replication map as system_schema.keyspaces.replication stores it.</summary>
    public IReadOnlyDictionary<string, string> ToMap()
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["class"] = StrategyClass };
        foreach (var (k, v) in Options) map[k] = v;
        return map;
    }

    /// <summary>Builds and validates replication from CREATE/ALTER KEYSPACE's map.</summary>
    public static ReplicationParams FromMap(IReadOnlyDictionary<string, string> map, string keyspace, IReadOnlyCollection<string> knownDatacenters)
    {
        if (!map.TryGetValue("class", out var cls))
            throw new ConfigurationException("Missing replication strategy class");
        string full = cls.Contains('.', StringComparison.Ordinal) ? cls : "org.apache.cassandra.locator." + cls;
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map)
            if (k != "class") options[k] = v;

        switch (full)
        {
            case SimpleStrategy:
                if (!options.TryGetValue("replication_factor", out var rf))
                    throw new ConfigurationException("SimpleStrategy requires a replication_factor strategy option.");
                ValidateReplicationFactor(rf);
                foreach (var key in options.Keys)
                    if (key != "replication_factor")
                        throw new ConfigurationException($"Unrecognized strategy option {{{key}}} passed to SimpleStrategy for keyspace {keyspace}");
                break;
            case NetworkTopologyStrategy:
                if (options.TryGetValue("replication_factor", out var all))
                {
                    // Cassandra 4 expands replication_factor into every known datacenter.
                    ValidateReplicationFactor(all);
                    options.Remove("replication_factor");
                    foreach (var dc in knownDatacenters) options.TryAdd(dc, all);
                }
                foreach (var (dc, factor) in options)
                {
                    ValidateReplicationFactor(factor);
                    if (!knownDatacenters.Contains(dc))
                        throw new ConfigurationException($"Unrecognized strategy option {{{dc}}} passed to NetworkTopologyStrategy for keyspace {keyspace}");
                }
                break;
            case LocalStrategy:
            case EverywhereStrategy:
                throw new ConfigurationException($"Unable to use given strategy class: LocalStrategy is reserved for internal use.");
            default:
                throw new ConfigurationException($"Unable to find replication strategy class '{full}'");
        }
        return new ReplicationParams(full, options);
    }

    private static void ValidateReplicationFactor(string text)
    {
        string factor = text.Contains('/', StringComparison.Ordinal) ? text[..text.IndexOf('/', StringComparison.Ordinal)] : text;
        if (!int.TryParse(factor, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
            throw new ConfigurationException($"Replication factor must be numeric; found {text}");
        if (n < 0)
            throw new ConfigurationException($"Replication factor must be non-negative; found {text}");
    }

    /// <summary>The replication factor this node's datacenter gets (SimpleStrategy's factor, or the datacenter's entry).</summary>
    public int ReplicationFactorFor(string datacenter)
    {
        string? text = StrategyClass switch
        {
            SimpleStrategy => Options.GetValueOrDefault("replication_factor"),
            NetworkTopologyStrategy => Options.GetValueOrDefault(datacenter),
            _ => "1",
        };
        if (text is null) return 0;
        if (text.Contains('/', StringComparison.Ordinal)) text = text[..text.IndexOf('/', StringComparison.Ordinal)];
        return int.Parse(text, CultureInfo.InvariantCulture);
    }
}
