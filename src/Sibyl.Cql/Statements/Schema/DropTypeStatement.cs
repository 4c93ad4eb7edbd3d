using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>DROP TYPE [IF EXISTS] ks.name, refused while another type or a table still uses it.</summary>
public sealed class DropTypeStatement(string keyspace, string name, bool ifExists) : SchemaStatement
{
    protected override SchemaChangeResult Change => new(SchemaChangeType.Dropped, SchemaChangeTarget.Type, keyspace, name);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        var ks = schema.GetKeyspace(keyspace);
        if (ks is null || !ks.Types.ContainsKey(name))
        {
            if (ifExists) return schema;
            throw new InvalidRequestException($"Type '{keyspace}.{name}' doesn't exist");
        }
        RefuseSystemKeyspace(keyspace, "DROP", AllTablesResource(keyspace));
        var types = ks.Types.Values.Where(t => t.Name != name && t.FieldTypes.Any(f => UserTypes.References(f, keyspace, name))).ToList();
        if (types.Count > 0)
            throw new InvalidRequestException($"Cannot drop user type '{keyspace}.{name}' as it is still used by user types {string.Join(", ", types.Select(t => t.Name))}");
        var tables = ks.Tables.Values.Where(t => t.Columns.Values.Any(c => UserTypes.References(c.Type, keyspace, name))).ToList();
        if (tables.Count > 0)
            throw new InvalidRequestException($"Cannot drop user type '{keyspace}.{name}' as it is still used by tables {string.Join(", ", tables.Select(t => t.Name))}");
        return schema.With(ks.WithoutType(name), "drop type " + keyspace + "." + name);
    }
}
