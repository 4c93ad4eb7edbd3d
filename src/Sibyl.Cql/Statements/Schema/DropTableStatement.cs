using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>DROP TABLE [IF EXISTS] ks.t.</summary>
public sealed class DropTableStatement(string keyspace, string table, bool ifExists) : SchemaStatement
{
    protected override SchemaChangeResult Change => new(SchemaChangeType.Dropped, SchemaChangeTarget.Table, keyspace, table);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        var ks = schema.GetKeyspace(keyspace);
        if (ks is null)
        {
            if (ifExists) return schema;
            throw new InvalidRequestException($"Keyspace '{keyspace}' doesn't exist");
        }
        RefuseSystemKeyspace(keyspace, "DROP", TableResource(keyspace, table));
        if (ks.GetTable(table) is not { } existing)
        {
            if (ifExists) return schema;
            throw new InvalidRequestException($"Table '{keyspace}.{table}' doesn't exist");
        }
        ViewSchema.CheckDropTable(ks, existing);
        return schema.With(ks.WithoutTable(table), "drop table " + keyspace + "." + table);
    }
}
