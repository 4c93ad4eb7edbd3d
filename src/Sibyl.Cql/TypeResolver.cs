using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql;

/// <summary>Resolves written types (RawType) to CQL types, with the user types of a keyspace.</summary>
public static class TypeResolver
{
    public static CqlType Resolve(RawType raw, KeyspaceMetadata? keyspace) => Resolve(raw, keyspace, frozen: false, nested: false);

    private static CqlType Resolve(RawType raw, KeyspaceMetadata? keyspace, bool frozen, bool nested)
    {
        switch (raw)
        {
            case RawNativeType native:
                return Native(native.Name);
            case RawFrozenType f:
                if (f.Inner is RawNativeType)
                    throw new InvalidRequestException($"frozen<> is only allowed on collections, tuples, and user-defined types (got {f.Inner.ToCql()})");
                return Resolve(f.Inner, keyspace, frozen: true, nested);
            case RawListType l:
            {
                CheckNested(l, frozen, nested);
                // Everything inside a frozen collection is frozen too.
                CheckNestedUserType(l.Element, raw, frozen);
                var element = Resolve(l.Element, keyspace, frozen, nested: true);
                CheckElement(element, raw);
                return new ListType(element, !frozen);
            }
            case RawSetType s:
            {
                CheckNested(s, frozen, nested);
                CheckNestedUserType(s.Element, raw, frozen);
                var element = Resolve(s.Element, keyspace, frozen, nested: true);
                CheckElement(element, raw);
                if (element.Kind == CqlTypeKind.Duration)
                    throw new InvalidRequestException($"Durations are not allowed inside sets: {Described(raw, frozen)}");
                return new SetType(element, !frozen);
            }
            case RawMapType m:
            {
                CheckNested(m, frozen, nested);
                CheckNestedUserType(m.Key, raw, frozen);
                CheckNestedUserType(m.Value, raw, frozen);
                var key = Resolve(m.Key, keyspace, frozen, nested: true);
                var value = Resolve(m.Value, keyspace, frozen, nested: true);
                CheckElement(key, raw);
                CheckElement(value, raw);
                if (key.Kind == CqlTypeKind.Duration)
                    throw new InvalidRequestException($"Durations are not allowed as map keys: {Described(raw, frozen)}");
                return new MapType(key, value, !frozen);
            }
            case RawTupleType t:
            {
                // Tuples are always frozen, and so is what they hold.
                var elements = t.Elements.Select(e => Resolve(e, keyspace, true, nested: true)).ToList();
                foreach (var e in elements)
                    if (e.IsCounter) throw new InvalidRequestException("Counters are not allowed inside tuples");
                return new TupleType(elements);
            }
            case RawVectorType v:
            {
                var element = Resolve(v.Element, keyspace, true, nested: true);
                if (v.Dimension <= 0) throw new InvalidRequestException($"vectors may only have positive dimensions; given {v.Dimension}");
                return new VectorType(element, v.Dimension);
            }
            case RawUserType u:
            {
                if (u.Name.Keyspace is not null && keyspace is not null && u.Name.Keyspace != keyspace.Name)
                    throw new InvalidRequestException($"Statement on keyspace {keyspace.Name} cannot refer to a user type in keyspace {u.Name.Keyspace}; user types can only be used in the keyspace they are defined in");
                var type = keyspace?.Types.GetValueOrDefault(u.Name.Name)
                    ?? throw new InvalidRequestException($"Unknown type {(keyspace is null ? "" : keyspace.Name + ".")}{u.Name.Name}");
                if (nested && !frozen)
                    throw new InvalidRequestException($"Non-frozen UDTs are not allowed inside collections: {u.ToCql()}");
                return frozen ? type.Freeze() : type;
            }
            case RawCustomType c:
                throw new InvalidRequestException($"Custom type {c.ClassName} is not supported");
            default:
                throw new InvalidRequestException($"Unknown type {raw.ToCql()}");
        }
    }

    /// <summary>A collection as Cassandra's CQL3Type.Raw prints it in messages: with frozen&lt;&gt; when frozen.</summary>
    private static string Described(RawType collection, bool frozen) => frozen ? $"frozen<{collection.ToCql()}>" : collection.ToCql();

    /// <summary>Whether the type is or holds a duration (Cassandra's AbstractType.referencesDuration): such
    /// types cannot be part of a primary key, as durations have no meaningful order.</summary>
    public static bool ReferencesDuration(CqlType type) => type switch
    {
        { Kind: CqlTypeKind.Duration } => true,
        TupleType t => t.Types.Any(ReferencesDuration),
        ListType l => ReferencesDuration(l.Element),
        SetType st => ReferencesDuration(st.Element),
        MapType m => ReferencesDuration(m.Key) || ReferencesDuration(m.Value),
        VectorType v => ReferencesDuration(v.Element),
        _ => false,
    };

    /// <summary>Cassandra names the collection, not the user type, when a non-frozen UDT sits inside one.</summary>
    private static void CheckNestedUserType(RawType element, RawType collection, bool frozen)
    {
        if (!frozen && element is RawUserType)
            throw new InvalidRequestException($"Non-frozen UDTs are not allowed inside collections: {collection.ToCql()}");
    }

    private static void CheckNested(RawType raw, bool frozen, bool nested)
    {
        if (nested && !frozen)
            throw new InvalidRequestException($"Non-frozen collections are not allowed inside collections: {raw.ToCql()}");
    }

    private static void CheckElement(CqlType element, RawType collection)
    {
        if (element.IsCounter)
            throw new InvalidRequestException($"Counters are not allowed inside collections: {collection.ToCql()}");
    }

    public static CqlType Native(string name) => name.ToLowerInvariant() switch
    {
        "ascii" => CqlType.Ascii,
        "bigint" => CqlType.BigInt,
        "blob" => CqlType.Blob,
        "boolean" => CqlType.Boolean,
        "counter" => CqlType.Counter,
        "date" => CqlType.Date,
        "decimal" => CqlType.Decimal,
        "double" => CqlType.Double,
        "duration" => CqlType.Duration,
        "float" => CqlType.Float,
        "inet" => CqlType.Inet,
        "int" => CqlType.Int,
        "smallint" => CqlType.SmallInt,
        "text" or "varchar" => CqlType.Text,
        "time" => CqlType.Time,
        "timestamp" => CqlType.Timestamp,
        "timeuuid" => CqlType.Timeuuid,
        "tinyint" => CqlType.TinyInt,
        "uuid" => CqlType.Uuid,
        "varint" => CqlType.Varint,
        _ => throw new InvalidRequestException($"Unknown type {name}"),
    };
}
