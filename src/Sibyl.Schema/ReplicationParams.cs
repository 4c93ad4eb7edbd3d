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

    /// <summary>Cassandra's default_keyspace_rf: the factor a strategy gets when none is given.</summary>
    public const int DefaultKeyspaceReplicationFactor = 1;

    /// <summary>
    /// Builds and validates replication from CREATE/ALTER KEYSPACE's map. As Cassandra 4.1's prepareOptions,
    /// NetworkTopologyStrategy given no datacenter takes the keyspace's previous factor (<paramref name="previous"/>,
    /// an ALTER from SimpleStrategy) or default_keyspace_rf in every datacenter, an ALTER keeps the datacenters
    /// already named, and datacenters whose factor is 0 are dropped.
    /// </summary>
    public static ReplicationParams FromMap(IReadOnlyDictionary<string, string> map, string keyspace, IReadOnlyCollection<string> knownDatacenters,
        IReadOnlyDictionary<string, string>? previous = null)
    {
        previous ??= new Dictionary<string, string>();
        string defaultFactor = previous.GetValueOrDefault("replication_factor")
            ?? DefaultKeyspaceReplicationFactor.ToString(CultureInfo.InvariantCulture);
        if (!map.TryGetValue("class", out var cls))
            throw new ConfigurationException("Missing replication strategy class");
        string full = cls.Contains('.', StringComparison.Ordinal) ? cls : "org.apache.cassandra.locator." + cls;
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map)
            if (k != "class") options[k] = v;

        // Cassandra's order: recognised option names first (validateExpectedOptions), then the factors.
        switch (full)
        {
            case SimpleStrategy:
                foreach (var key in options.Keys)
                    if (key != "replication_factor")
                        throw new ConfigurationException($"Unrecognized strategy option {{{key}}} passed to SimpleStrategy for keyspace {keyspace}");
                // Refused as by Cassandra 3.11 and 4.0 (4.1 falls back to default_keyspace_rf here).
                if (!options.TryGetValue("replication_factor", out var rf))
                    throw new ConfigurationException("SimpleStrategy requires a replication_factor strategy option.");
                ValidateReplicationFactor(rf);
                break;
            case NetworkTopologyStrategy:
                // No datacenter named: the previous (ALTER from SimpleStrategy) or default factor everywhere.
                if (options.Count == 0) options["replication_factor"] = defaultFactor;
                if (options.Remove("replication_factor", out var all))
                {
                    // Cassandra 4 expands replication_factor into every known datacenter not named explicitly; an
                    // ALTER keeps the datacenters the keyspace already had.
                    ValidateReplicationFactor(all);
                    foreach (var (dc, factor) in previous)
                        if (dc != "replication_factor") options.TryAdd(dc, factor);
                    foreach (var dc in knownDatacenters) options.TryAdd(dc, all);
                }
                foreach (var dc in options.Where(o => o.Value == "0").Select(o => o.Key).ToList())
                    options.Remove(dc);
                if (options.Count == 0)
                    throw new ConfigurationException("Configuration for at least one datacenter must be present");
                foreach (var dc in options.Keys)
                    if (!knownDatacenters.Contains(dc))
                        throw new ConfigurationException($"Unrecognized strategy option {{{dc}}} passed to NetworkTopologyStrategy for keyspace {keyspace}");
                foreach (var factor in options.Values)
                    ValidateReplicationFactor(factor);
                break;
            case LocalStrategy:
            case EverywhereStrategy:
                throw new ConfigurationException($"Unable to use given strategy class: LocalStrategy is reserved for internal use.");
            default:
                throw new ConfigurationException($"Unable to find replication strategy class '{full}'");
        }
        return new ReplicationParams(full, options);
    }

    /// <summary>Cassandra's ReplicationFactor.fromString checks, with the messages its exceptions carry
    /// (Java's NumberFormatException text for non-numbers). Transient replication is off, as by default.</summary>
    private static void ValidateReplicationFactor(string text)
    {
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var parts = text.Split('/');
            // Java's split drops trailing empty strings: "3/" has one part.
            int count = parts.Length;
            while (count > 0 && parts[count - 1].Length == 0) count--;
            if (count != 2)
                throw new ConfigurationException("Replication factor format is <replicas> or <replicas>/<transient>");
            ParseFactor(parts[0]);
            ParseFactor(parts[1]);
            throw new ConfigurationException("Transient replication is not enabled on this node");
        }
        int n = ParseFactor(text);
        if (n < 0)
            throw new ConfigurationException($"Replication factor must be non-negative, found {n}");
    }

    private static int ParseFactor(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new ConfigurationException($"For input string: \"{text}\"");

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
