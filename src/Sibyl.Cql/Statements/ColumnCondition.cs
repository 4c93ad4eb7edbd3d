using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Selection;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements;

/// <summary>
/// One IF condition of a lightweight transaction (<c>IF v = 3</c>, <c>IF v IN (1, 2)</c>, <c>IF v &gt; ?</c>),
/// evaluated against the row as Paxos read it. Cassandra's ColumnCondition: on a whole column, on a list
/// element or map value (<c>l[i]</c>, <c>m[k]</c>: <paramref name="element"/>), or on a UDT field (<paramref name="field"/>).
/// </summary>
public sealed class ColumnCondition(ColumnMetadata column, RelationOperator op, Term? value, IReadOnlyList<Term>? inTerms, Term? element = null, int field = -1)
{
    public ColumnMetadata Column { get; } = column;

    /// <summary>Whether the condition holds for the current value (null when the column or row is absent).</summary>
    public bool AppliesTo(in RowView row, QueryOptions options, QueryState state)
    {
        var current = row.Row is null && !Column.IsStatic ? null : row.Value(Column);
        var type = Column.Type;
        if (element is not null) (current, type) = ElementValue(current, options, state);
        else if (field >= 0) (current, type) = FieldValue(current);
        if (op is RelationOperator.Contains or RelationOperator.ContainsKey)
            return Contains(current, value!.Bind(options, state));
        // A non-frozen collection without elements is null: it compares as the empty collection (Cassandra 4.1).
        bool multiCellCollection = element is null && type is CollectionType { IsMultiCell: true };
        if (multiCellCollection) current ??= EmptyCollection;
        if (op == RelationOperator.In)
        {
            // IN (a, b, null) matches an absent value through its null, unlike IN in a WHERE clause.
            foreach (var candidate in InCandidates(options, state))
            {
                if (QueryOptions.IsUnset(candidate)) continue;
                var wanted = multiCellCollection ? candidate ?? EmptyCollection : candidate;
                if (wanted is null ? current is null : current is not null && type.Compare(current, wanted) == 0) return true;
            }
            return false;
        }
        var expected = value!.Bind(options, state);
        if (QueryOptions.IsUnset(expected))
            throw new InvalidRequestException($"Invalid 'unset' value in condition");
        if (multiCellCollection && expected is null && op is RelationOperator.Eq or RelationOperator.Neq) expected = EmptyCollection;
        switch (op)
        {
            case RelationOperator.Eq:
                return expected is null ? current is null : current is not null && type.Compare(current, expected) == 0;
            case RelationOperator.Neq:
                return expected is null ? current is not null : current is null || type.Compare(current, expected) != 0;
        }
        if (expected is null)
            throw new InvalidRequestException($"Invalid comparison with null for operator \"{op.ToCql()}\"");
        if (current is null) return false;
        int c = type.Compare(current, expected);
        return op switch
        {
            RelationOperator.Lt => c < 0,
            RelationOperator.Lte => c <= 0,
            RelationOperator.Gt => c > 0,
            RelationOperator.Gte => c >= 0,
            _ => throw new InvalidRequestException($"Unsupported operator {op.ToCql()} in a condition"),
        };
    }

    private static readonly byte[] EmptyCollection = [0, 0, 0, 0];

    /// <summary>CONTAINS (a list or set element, a map value) and CONTAINS KEY (a map key); unset never applies.</summary>
    private bool Contains(byte[]? collection, byte[]? expected)
    {
        if (expected is null)
            throw new InvalidRequestException($"Invalid comparison with null for operator \"{op.ToCql()}\"");
        if (QueryOptions.IsUnset(expected) || collection is not { Length: > 0 }) return false;
        switch (Column.Type)
        {
            case MapType map:
                foreach (var (k, v) in CollectionSerializer.ReadEntries(collection))
                    if (op == RelationOperator.ContainsKey ? map.Key.Compare(k, expected) == 0 : map.Value.Compare(v, expected) == 0) return true;
                return false;
            case ListType list:
                return CollectionSerializer.ReadElements(collection).Exists(e => list.Element.Compare(e, expected) == 0);
            case SetType set:
                return CollectionSerializer.ReadElements(collection).Exists(e => set.Element.Compare(e, expected) == 0);
            default:
                return false;
        }
    }

    /// <summary>The list element at the bound index or the map value at the bound key (null when absent).</summary>
    private (byte[]? Value, CqlType Type) ElementValue(byte[]? collection, QueryOptions options, QueryState state)
    {
        string kind = Column.Type is Data.Types.MapType ? "map" : "list";
        var key = element!.Bind(options, state);
        if (key is null) throw new InvalidRequestException($"Invalid null value for {kind} element access");
        if (QueryOptions.IsUnset(key)) throw new InvalidRequestException($"Invalid 'unset' value in {kind} element access");
        if (Column.Type is Data.Types.MapType map)
        {
            if (collection is null) return (null, map.Value);
            foreach (var (k, v) in Data.Types.CollectionSerializer.ReadEntries(collection))
                if (map.Key.Compare(k, key) == 0) return (v, map.Value);
            return (null, map.Value);
        }
        var list = (Data.Types.ListType)Column.Type;
        if (collection is null) return (null, list.Element);
        int index = (int)Data.Types.CqlType.Int.Compose(key)!;
        var elements = Data.Types.CollectionSerializer.ReadElements(collection);
        return (index >= 0 && index < elements.Count ? elements[index] : null, list.Element);
    }

    private (byte[]? Value, CqlType Type) FieldValue(byte[]? udtValue)
    {
        var udt = (Data.Types.UserType)Column.Type;
        // A field is one value even when declared as a non-frozen collection (frozen UDTs keep declared field types).
        var fieldType = udt.FieldTypes[field].Freeze();
        if (udtValue is not { Length: > 0 }) return (null, fieldType);
        var parts = Data.Types.TupleType.SplitValue(udtValue);
        return (field < parts.Count ? parts[field] : null, fieldType);
    }

    /// <summary>The values of IN: each listed term, or the elements of one bound list (<c>IN ?</c>).</summary>
    private IEnumerable<byte[]?> InCandidates(QueryOptions options, QueryState state)
    {
        if (inTerms is [BindMarkerTerm { Receiver.Type: Data.Types.ListType } marker])
        {
            var list = marker.Bind(options, state);
            if (QueryOptions.IsUnset(list)) throw new InvalidRequestException("Invalid 'unset' value in condition");
            if (list is null) yield break;
            foreach (var element in Data.Types.CollectionSerializer.ReadElements(list)) yield return element;
            yield break;
        }
        foreach (var term in inTerms!) yield return term.Bind(options, state);
    }
}
