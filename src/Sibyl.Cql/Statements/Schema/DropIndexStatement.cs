using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>DROP INDEX [IF EXISTS] [ks.]name: announced as an update of the indexed table.</summary>
public sealed class DropIndexStatement(string keyspace, string name, bool ifExists) : SchemaStatement
{
    private string? _table;

    protected override SchemaChangeResult Change => new(SchemaChangeType.Updated, SchemaChangeTarget.Table, keyspace, _table);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        var ks = schema.GetKeyspace(keyspace);
        var found = ks is null ? null : IndexNames.Find(ks, name);
        if (found is not { } f)
        {
            if (ifExists) return schema;
            throw new InvalidRequestException($"Index '{keyspace}.{name}' doesn't exist");
        }
        RefuseSystemKeyspace(keyspace, "ALTER", TableResource(keyspace, f.Table.Name));
        _table = f.Table.Name;
        var updated = f.Table.WithIndexes(f.Table.Indexes.Where(i => i.Name != name));
        return schema.With(ks!.WithTable(updated), "drop index " + keyspace + "." + name);
    }
}
