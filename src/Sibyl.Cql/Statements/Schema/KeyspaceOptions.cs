using Sibyl.Common.Errors;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>The options of CREATE/ALTER KEYSPACE: replication and durable_writes (Cassandra's KeyspaceAttributes).</summary>
internal static class KeyspaceOptions
{
    public static (ReplicationParams? Replication, bool? DurableWrites) Parse(
        Dictionary<string, OptionValue> properties, string keyspace, IReadOnlyCollection<string> datacenters, bool required, KeyspaceMetadata? current)
    {
        ReplicationParams? replication = null;
        bool? durable = null;
        foreach (var (name, value) in properties)
        {
            switch (name)
            {
                case "replication":
                    if (value.Map is null) throw new SyntaxException("Invalid value for property 'replication'. It should be a map.");
                    var map = new Dictionary<string, string>(value.Map, StringComparer.Ordinal);
                    if (!map.ContainsKey("class") && current is not null)
                        map["class"] = current.Replication.StrategyClass;
                    replication = ReplicationParams.FromMap(map, keyspace, datacenters, current?.Replication.Options);
                    break;
                case "durable_writes":
                    durable = (value.Text ?? "").ToLowerInvariant() switch
                    {
                        "true" or "yes" or "1" => true,
                        "false" or "no" or "0" => false,
                        _ => throw new SyntaxException($"Invalid boolean value {value.Text} for 'durable_writes'. Positive values can be '1', 'true' or 'yes'. Negative values can be '0', 'false' or 'no'."),
                    };
                    break;
                default:
                    throw new SyntaxException($"Unknown property '{name}'");
            }
        }
        if (required && replication is null)
            throw new ConfigurationException("Missing mandatory option 'replication'");
        return (replication, durable);
    }
}
