using Sibyl.Cql.Results;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>ALTER KEYSPACE [IF EXISTS] ks WITH ...</summary>
public sealed class AlterKeyspaceStatement(string keyspace, bool ifExists, Dictionary<string, OptionValue> properties) : SchemaStatement
{
    protected override SchemaChangeResult Change => new(SchemaChangeType.Updated, SchemaChangeTarget.Keyspace, keyspace);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        var current = schema.GetKeyspace(keyspace);
        if (current is null && ifExists) return schema;
        current ??= ExistingKeyspace(schema, keyspace);
        RefuseSystemKeyspace(keyspace);
        var (replication, durable) = KeyspaceOptions.Parse(properties, keyspace, context.Datacenters, required: false, current);
        var altered = current with
        {
            Replication = replication ?? current.Replication,
            DurableWrites = durable ?? current.DurableWrites,
        };
        return schema.With(altered, "alter keyspace " + keyspace);
    }
}
