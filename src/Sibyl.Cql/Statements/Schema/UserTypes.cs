using Sibyl.Common.Errors;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>Walks types for user type references: who uses a type, and swapping in a changed definition.</summary>
internal static class UserTypes
{
    public static bool References(CqlType type, string keyspace, string name) => type switch
    {
        UserType u when u.Keyspace == keyspace && u.Name == name => true,
        TupleType t => t.Types.Any(e => References(e, keyspace, name)),
        ListType l => References(l.Element, keyspace, name),
        SetType s => References(s.Element, keyspace, name),
        MapType m => References(m.Key, keyspace, name) || References(m.Value, keyspace, name),
        VectorType v => References(v.Element, keyspace, name),
        _ => false,
    };

    /// <summary>
    /// A non-frozen UDT column stores one cell per field, so a field cannot itself be multi-cell: Cassandra's
    /// CreateTableStatement refuses such a column (frozen&lt;t&gt; is fine).
    /// </summary>
    public static void CheckNoNestedMultiCell(CqlType type)
    {
        if (type is UserType { IsMultiCell: true } udt && udt.FieldTypes.Any(f => f.IsMultiCell))
            throw new InvalidRequestException("Non-frozen UDTs with nested non-frozen collections are not supported");
    }

    /// <summary>The type with every use of <paramref name="updated"/> (by keyspace and name) replaced, keeping frozenness.</summary>
    public static CqlType Replace(CqlType type, UserType updated)
    {
        if (!References(type, updated.Keyspace, updated.Name)) return type;
        switch (type)
        {
            case UserType u when u.Keyspace == updated.Keyspace && u.Name == updated.Name:
                return u.IsMultiCell ? updated : updated.Freeze();
            case UserType u:
                return new UserType(u.Keyspace, u.Name, u.FieldNames, [.. u.FieldTypes.Select(f => Replace(f, updated))], u.IsMultiCell);
            case TupleType t:
                return new TupleType([.. t.Types.Select(e => Replace(e, updated))]);
            case ListType l:
                return new ListType(Replace(l.Element, updated), l.IsMultiCell);
            case SetType s:
                return new SetType(Replace(s.Element, updated), s.IsMultiCell);
            case MapType m:
                return new MapType(Replace(m.Key, updated), Replace(m.Value, updated), m.IsMultiCell);
            case VectorType v:
                return new VectorType(Replace(v.Element, updated), v.Dimension);
            default:
                return type;
        }
    }

    /// <summary>The keyspace with the type updated, and every table and other type that uses it updated too.</summary>
    public static KeyspaceMetadata WithUpdatedType(KeyspaceMetadata keyspace, UserType updated)
    {
        var result = keyspace.WithType(updated);
        foreach (var other in keyspace.Types.Values)
        {
            if (other.Name == updated.Name) continue;
            if (other.FieldTypes.Any(f => References(f, updated.Keyspace, updated.Name)))
                result = result.WithType((UserType)Replace(other, updated));
        }
        foreach (var table in keyspace.Tables.Values)
        {
            if (!table.Columns.Values.Any(c => References(c.Type, updated.Keyspace, updated.Name))) continue;
            var columns = table.Columns.Values.Select(c => c with { Type = Replace(c.Type, updated) }).ToList();
            result = result.WithTable(table.WithColumns(columns, table.DroppedColumns));
        }
        return result;
    }
}
