using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>CREATE KEYSPACE [IF NOT EXISTS] ks WITH replication = {...} [AND durable_writes = ...].</summary>
public sealed class CreateKeyspaceStatement(string keyspace, bool ifNotExists, Dictionary<string, OptionValue> properties) : SchemaStatement
{
    protected override SchemaChangeResult Change => new(SchemaChangeType.Created, SchemaChangeTarget.Keyspace, keyspace);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        ValidateName(keyspace, "Keyspace");
        var (replication, durable) = KeyspaceOptions.Parse(properties, keyspace, context.Datacenters, required: true, current: null);
        if (schema.GetKeyspace(keyspace) is not null)
        {
            if (ifNotExists) return schema;
            throw new AlreadyExistsException(keyspace);
        }
        if (SchemaConstants.IsSystemKeyspace(keyspace) || SchemaConstants.IsReplicatedSystemKeyspace(keyspace))
            throw new AlreadyExistsException(keyspace);
        return schema.With(KeyspaceMetadata.Create(keyspace, replication!, durable ?? true), "create keyspace " + keyspace);
    }
}
