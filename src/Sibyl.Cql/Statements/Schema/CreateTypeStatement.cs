using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>CREATE TYPE [IF NOT EXISTS] ks.name (field type, ...): a new non-frozen user type.</summary>
public sealed class CreateTypeStatement(string keyspace, RawCreateTypeStatement raw) : SchemaStatement
{
    private string Name => raw.Type.Name;

    protected override SchemaChangeResult Change => new(SchemaChangeType.Created, SchemaChangeTarget.Type, keyspace, Name);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        RefuseSystemKeyspace(keyspace, "CREATE", AllTablesResource(keyspace));
        var ks = schema.GetKeyspace(keyspace) ?? throw new InvalidRequestException($"Keyspace '{keyspace}' doesn't exist");
        if (ks.Types.ContainsKey(Name))
        {
            if (raw.IfNotExists) return schema;
            throw new InvalidRequestException($"A user type with name '{Name}' already exists");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in raw.Fields)
            if (!names.Add(field.Name))
                throw new InvalidRequestException($"Duplicate field name '{field.Name}' in type '{Name}'");
        var types = new List<CqlType>();
        foreach (var field in raw.Fields)
        {
            if (field.Type is RawNativeType { Name: var n } && n.Equals("counter", StringComparison.OrdinalIgnoreCase))
                throw new InvalidRequestException("A user type cannot contain counters");
            if (field.Type is RawUserType)
                throw new InvalidRequestException("A user type cannot contain non-frozen UDTs");
            types.Add(TypeResolver.Resolve(field.Type, ks));
        }
        var type = new UserType(keyspace, Name, [.. raw.Fields.Select(f => f.Name)], types, isMultiCell: true);
        return schema.With(ks.WithType(type), "create type " + keyspace + "." + Name);
    }
}
