using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>DROP MATERIALIZED VIEW [IF EXISTS] ks.v (Cassandra 4's DropViewStatement).</summary>
public sealed class DropViewStatement(string keyspace, string view, bool ifExists) : SchemaStatement
{
    protected override SchemaChangeResult Change => new(SchemaChangeType.Dropped, SchemaChangeTarget.Table, keyspace, view);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        var ks = schema.GetKeyspace(keyspace);
        if (ks?.GetTable(view) is not { IsView: true })
        {
            if (ifExists) return schema;
            throw new InvalidRequestException($"Materialized view '{keyspace}.{view}' doesn't exist");
        }
        return schema.With(ks.WithoutTable(view), "drop view " + keyspace + "." + view);
    }
}
