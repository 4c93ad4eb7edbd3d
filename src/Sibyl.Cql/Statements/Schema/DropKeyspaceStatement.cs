using Sibyl.Cql.Results;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>DROP KEYSPACE [IF EXISTS] ks: its tables' data goes with it.</summary>
public sealed class DropKeyspaceStatement(string keyspace, bool ifExists) : SchemaStatement
{
    protected override SchemaChangeResult Change => new(SchemaChangeType.Dropped, SchemaChangeTarget.Keyspace, keyspace);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        RefuseSystemKeyspace(keyspace, "DROP", KeyspaceResource(keyspace));
        if (schema.GetKeyspace(keyspace) is null)
        {
            if (ifExists) return schema;
            ExistingKeyspace(schema, keyspace);
        }
        return schema.Without(keyspace, "drop keyspace " + keyspace);
    }
}
