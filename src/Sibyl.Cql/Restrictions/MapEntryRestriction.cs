using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Restrictions;

/// <summary>
/// <c>m[k] = v</c> in a WHERE clause (SingleColumnRelation with a map key): a filter whose value is the entry packed
/// as a one-entry map, answered by an entries() index or by filtering.
/// </summary>
internal static class MapEntryRestriction
{
    public static FilterExpression Build(TableMetadata table, MapElementRelation relation, WhereClauseKind kind, BindVariables bindings)
    {
        var column = table.GetColumn(relation.Column)
            ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(relation.Column)} in table {table.QualifiedName}");
        if (column.Type is ListType)
            throw new InvalidRequestException($"Indexes on list entries ({column.Name}[index] = value) are not currently supported.");
        if (column.Type is not MapType map)
            throw new InvalidRequestException($"Column {column.Name} cannot be used as a map");
        if (!map.IsMultiCell)
            throw new InvalidRequestException($"Map-entry equality predicates on frozen map column {column.Name} are not supported");
        if (relation.Operator != RelationOperator.Eq)
            throw new InvalidRequestException("Only EQ relations are supported on map entries");
        if (kind != WhereClauseKind.Select)
            throw new InvalidRequestException($"Non PRIMARY KEY columns found in where clause: {column.Name} ");
        var key = TermPreparer.Prepare(relation.Key, new ColumnSpecification(table.Keyspace, table.Name, "key(" + column.Name + ")", map.Key), bindings);
        var value = TermPreparer.Prepare(relation.Value, new ColumnSpecification(table.Keyspace, table.Name, "value(" + column.Name + ")", map.Value), bindings);
        var entry = new ComputedTerm([key, value], (v, _) =>
        {
            if (v[0] is null) throw new InvalidRequestException($"Unsupported null map key for column {column.Name}");
            if (v[1] is null) throw new InvalidRequestException($"Unsupported null map value for column {column.Name}");
            if (QueryOptions.IsUnset(v[0])) throw new InvalidRequestException($"Unsupported unset map key for column {column.Name}");
            if (QueryOptions.IsUnset(v[1])) throw new InvalidRequestException($"Unsupported unset map value for column {column.Name}");
            return CollectionSerializer.PackMap(map.Key, [new KeyValuePair<byte[], byte[]>(v[0]!, v[1]!)]);
        });
        return new FilterExpression(column, RelationOperator.Eq, entry) { IsMapEntry = true };
    }

    /// <summary>Whether a map holds the packed entry of a <c>m[k] = v</c> filter.</summary>
    public static bool Matches(MapType map, byte[] actual, byte[] packedEntry)
    {
        var (k, v) = CollectionSerializer.ReadEntries(packedEntry)[0];
        foreach (var (key, value) in CollectionSerializer.ReadEntries(actual))
            if (map.Key.Compare(key, k) == 0) return map.Value.Compare(value, v) == 0;
        return false;
    }

    /// <summary>The entries() index key of a packed entry.</summary>
    public static byte[] IndexKey(byte[] packedEntry)
    {
        var (k, v) = CollectionSerializer.ReadEntries(packedEntry)[0];
        return IndexMetadata.EntryKey(k, v);
    }
}
