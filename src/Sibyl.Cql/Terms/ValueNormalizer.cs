using Sibyl.Data.Types;

namespace Sibyl.Cql.Terms;

/// <summary>
/// Puts a bound value in the form Sibyl stores and compares: set elements and map keys sorted by their type and
/// unique, at every nesting level (a driver may send <c>{(2, 1): 1}</c>'s inner set in any order).
/// </summary>
public static class ValueNormalizer
{
    public static byte[] Normalize(CqlType type, byte[] value)
    {
        if (value.Length == 0 || !HoldsSetOrMap(type)) return value;
        switch (type)
        {
            case SetType set:
            {
                var elements = CollectionSerializer.ReadElements(value);
                for (int i = 0; i < elements.Count; i++) elements[i] = Normalize(set.Element, elements[i]);
                return CollectionSerializer.PackSet(set.Element, elements);
            }
            case MapType map:
            {
                var entries = CollectionSerializer.ReadEntries(value);
                for (int i = 0; i < entries.Count; i++)
                    entries[i] = new(Normalize(map.Key, entries[i].Key), Normalize(map.Value, entries[i].Value));
                return CollectionSerializer.PackMap(map.Key, entries);
            }
            case ListType list:
            {
                var elements = CollectionSerializer.ReadElements(value);
                for (int i = 0; i < elements.Count; i++) elements[i] = Normalize(list.Element, elements[i]);
                return CollectionSerializer.PackList(elements);
            }
            case TupleType tuple:
            {
                var components = TupleType.SplitValue(value);
                for (int i = 0; i < components.Count && i < tuple.Types.Count; i++)
                    if (components[i] is { } c) components[i] = Normalize(tuple.Types[i], c);
                return TupleType.BuildValue(components);
            }
            default:
                return value;
        }
    }

    private static bool HoldsSetOrMap(CqlType type) => type switch
    {
        SetType or MapType => true,
        ListType list => HoldsSetOrMap(list.Element),
        TupleType tuple => tuple.Types.Any(HoldsSetOrMap),
        _ => false,
    };
}
