using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Selection;

/// <summary>
/// <c>m[k]</c> and <c>s[a..b]</c> in a SELECT clause (Cassandra 4.0's element and slice selection): over the
/// collection value as read, frozen or not. Only sets and maps can be subscripted.
/// </summary>
internal static class ElementSelection
{
    public static Selector Prepare(TableMetadata table, RawSelectable selectable, Selector receiver, BindVariables bindings)
    {
        var (from, to) = selectable switch
        {
            ElementSelectable e => (e.Element, (RawTerm?)null),
            SliceSelectable s => (s.From, s.To),
            _ => throw new InvalidOperationException("not an element selection"),
        };
        if (receiver.Type is not CollectionType collection)
            throw new InvalidRequestException($"Invalid element selection: {receiver.Name} is of type {receiver.Type.CqlName} is not a collection");
        if (collection is ListType)
            throw new InvalidRequestException($"{(selectable is ElementSelectable ? "Element" : "Slice")} selection is only allowed on sets and maps, but {receiver.Name} is a list");
        var keyType = collection is MapType map ? map.Key : ((SetType)collection).Element;
        var keySpec = new ColumnSpecification(table.Keyspace, table.Name, (collection is MapType ? "key(" : "element(") + receiver.Name + ")", keyType);
        if (selectable is ElementSelectable element)
        {
            var key = TermPreparer.Prepare(element.Element, keySpec, bindings);
            var resultType = collection is MapType m ? m.Value : keyType;
            return new ElementSelector(receiver.Name + "[" + element.Element.ToCql() + "]", resultType, receiver, key, collection);
        }
        var slice = (SliceSelectable)selectable;
        var low = from is null ? null : TermPreparer.Prepare(from, keySpec, bindings);
        var high = to is null ? null : TermPreparer.Prepare(to, keySpec, bindings);
        return new SliceSelector(receiver.Name + "[" + from?.ToCql() + ".." + to?.ToCql() + "]", receiver, low, high, collection);
    }

    /// <summary>The map value at a key, or the set element itself when present.</summary>
    private sealed class ElementSelector(string name, CqlType type, Selector receiver, Term key, CollectionType collection) : Selector(name, type)
    {
        public override bool IsAggregate => receiver.IsAggregate;

        public override byte[]? Value(in RowView row)
        {
            var value = receiver.Value(row);
            var k = Bind(key, row);
            if (value is not { Length: > 0 } || k is null) return null;
            if (collection is MapType map)
            {
                foreach (var (entryKey, entryValue) in CollectionSerializer.ReadEntries(value))
                    if (map.Key.Compare(entryKey, k) == 0) return entryValue;
                return null;
            }
            var set = (SetType)collection;
            foreach (var e in CollectionSerializer.ReadElements(value))
                if (set.Element.Compare(e, k) == 0) return e;
            return null;
        }
    }

    /// <summary>The elements (or entries) between two keys, inclusive; an empty slice of a non-frozen collection is null.</summary>
    private sealed class SliceSelector(string name, Selector receiver, Term? from, Term? to, CollectionType collection) : Selector(name, collection)
    {
        public override bool IsAggregate => receiver.IsAggregate;

        public override byte[]? Value(in RowView row)
        {
            var value = receiver.Value(row);
            if (value is not { Length: > 0 }) return null;
            var low = from is null ? null : Bind(from, row);
            var high = to is null ? null : Bind(to, row);
            if (collection is MapType map)
            {
                var kept = new List<byte[]>();
                int count = 0;
                foreach (var (k, v) in CollectionSerializer.ReadEntries(value))
                {
                    if (!Within(map.Key, k, low, high)) continue;
                    kept.Add(k);
                    kept.Add(v);
                    count++;
                }
                return count == 0 && collection.IsMultiCell ? null : CollectionSerializer.Pack(kept, count);
            }
            var set = (SetType)collection;
            var elements = CollectionSerializer.ReadElements(value).Where(e => Within(set.Element, e, low, high)).ToList();
            return elements.Count == 0 && collection.IsMultiCell ? null : CollectionSerializer.PackList(elements);
        }

        private static bool Within(CqlType type, byte[] key, byte[]? low, byte[]? high) =>
            (low is null || type.Compare(key, low) >= 0) && (high is null || type.Compare(key, high) <= 0);
    }

    private static byte[]? Bind(Term term, in RowView row)
    {
        var value = term.Bind(row.Options ?? QueryOptions.Default, row.State ?? new QueryState(null, 0, row.NowInSeconds));
        return QueryOptions.IsUnset(value) ? null : value;
    }
}
