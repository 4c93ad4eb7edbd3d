using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>ALTER TYPE [IF EXISTS] ks.name ADD field type | RENAME a TO b [AND ...]; tables using the type follow.</summary>
public sealed class AlterTypeStatement(string keyspace, RawAlterTypeStatement raw) : SchemaStatement
{
    private string Name => raw.Type.Name;

    protected override SchemaChangeResult Change => new(SchemaChangeType.Updated, SchemaChangeTarget.Type, keyspace, Name);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        var ks = schema.GetKeyspace(keyspace);
        var type = ks?.Types.GetValueOrDefault(Name);
        if (ks is null || type is null)
        {
            if (raw.IfExists) return schema;
            throw new InvalidRequestException($"Type {keyspace}.{Name} doesn't exist");
        }
        RefuseSystemKeyspace(keyspace, "ALTER", AllTablesResource(keyspace));
        var updated = raw.Kind switch
        {
            AlterTypeKind.AddField => AddField(ks, type),
            AlterTypeKind.RenameFields => RenameFields(type),
            _ => throw new InvalidRequestException("Altering field types is no longer supported"),
        };
        if (ReferenceEquals(updated, type)) return schema;
        return schema.With(UserTypes.WithUpdatedType(ks, updated), "alter type " + keyspace + "." + Name);
    }

    private UserType AddField(KeyspaceMetadata ks, UserType type)
    {
        var field = raw.Field!;
        string cqlName = CqlNames.MaybeQuote(type.Name);
        if (type.FieldIndex(field.Name) >= 0)
        {
            if (raw.IfFieldNotExists) return type;
            throw new InvalidRequestException($"Cannot add field {field.Name} to type {cqlName}: a field with name {field.Name} already exists");
        }
        var fieldType = TypeResolver.Resolve(field.Type, ks);
        if (UserTypes.References(fieldType, keyspace, type.Name))
            throw new InvalidRequestException($"Cannot add new field {field.Name} of type {field.Type.ToCql()} to user type {cqlName} as it would create a circular reference");
        var keyUsers = ks.Tables.Values.Where(t => t.PartitionKeyColumns.Any(c => UserTypes.References(c.Type, keyspace, type.Name))).ToList();
        if (keyUsers.Count > 0)
            throw new InvalidRequestException($"Cannot add new field {field.Name} of type {field.Type.ToCql()} to user type {cqlName} as the type is being used in partition key by the following tables: {string.Join(", ", keyUsers.Select(t => t.QualifiedName))}");
        return new UserType(keyspace, type.Name, [.. type.FieldNames, field.Name], [.. type.FieldTypes, fieldType], isMultiCell: true);
    }

    private UserType RenameFields(UserType type)
    {
        var names = type.FieldNames.ToList();
        foreach (var rename in raw.Renames)
        {
            int index = type.FieldIndex(rename.From);
            if (index < 0)
            {
                if (raw.IfFieldExists) continue;
                throw new InvalidRequestException($"Unkown field {rename.From} in user type {CqlNames.MaybeQuote(type.Name)}");
            }
            names[index] = rename.To;
        }
        foreach (var name in names)
            if (names.Count(n => n == name) > 1)
                throw new InvalidRequestException($"Duplicate field name {name} in type {CqlNames.MaybeQuote(type.Name)}");
        if (names.SequenceEqual(type.FieldNames)) return type;
        return new UserType(keyspace, type.Name, names, type.FieldTypes, isMultiCell: true);
    }
}
