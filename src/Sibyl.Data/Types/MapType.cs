using System.Text;

namespace Sibyl.Data.Types;

/// <summary>map&lt;K, V&gt;: entries unique by key and sorted by the key type.</summary>
public sealed class MapType : CollectionType
{
    public MapType(CqlType key, CqlType value, bool isMultiCell) : base(isMultiCell)
    {
        Key = key.Freeze();
        Value = value.Freeze();
        CqlName = Wrap("map<" + Key.CqlName + ", " + Value.CqlName + ">");
        MarshalClassName = WrapClass(MarshalPackage + "MapType(" + Key.MarshalClassName + "," + Value.MarshalClassName + ")");
    }

    public CqlType Key { get; }
    public CqlType Value { get; }

    public override CqlTypeKind Kind => CqlTypeKind.Map;
    public override string CqlName { get; }
    public override string MarshalClassName { get; }
    public override CqlType NameComparator => Key;
    public override CqlType ValueComparator => Value;

    public override CqlType Freeze() => IsMultiCell ? new MapType(Key, Value, false) : this;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CollectionSerializer.CompareElements(left, right, Key, Value);

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
            CollectionSerializer.Validate(value, "map", Key, Value);
    }

    public override string ToCqlString(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return TypeText.Null;
        var sb = new StringBuilder("{");
        int n = CollectionSerializer.ReadCount(value, out int offset);
        for (int i = 0; i < n; i++)
        {
            if (!CollectionSerializer.TryReadValue(value, ref offset, out var k) || !CollectionSerializer.TryReadValue(value, ref offset, out var v))
                throw new MarshalException("Not enough bytes to read a map");
            if (i > 0)
                sb.Append(", ");
            sb.Append(Key.ToCqlString(k)).Append(": ").Append(Value.ToCqlString(v));
        }

        return sb.Append('}').ToString();
    }

    /// <summary>A <see cref="List{T}"/> of key/value pairs in key order, or null for an empty value.</summary>
    public override object? Compose(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return null;
        var result = new List<KeyValuePair<object?, object?>>();
        int n = CollectionSerializer.ReadCount(value, out int offset);
        for (int i = 0; i < n; i++)
        {
            if (!CollectionSerializer.TryReadValue(value, ref offset, out var k) || !CollectionSerializer.TryReadValue(value, ref offset, out var v))
                throw new MarshalException("Not enough bytes to read a map");
            result.Add(new(Key.Compose(k), Value.Compose(v)));
        }

        return result;
    }

    /// <summary>Re-serializes a map value received in any key order (as drivers may send it) sorted, the last duplicate winning.</summary>
    public byte[] Normalize(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? [] : CollectionSerializer.PackMap(Key, CollectionSerializer.ReadEntries(value));

    /// <summary>Accepts a dictionary or any sequence of KeyValuePair&lt;K, V&gt;.</summary>
    public override byte[] Decompose(object value)
    {
        var entries = new List<KeyValuePair<byte[], byte[]>>();
        if (value is System.Collections.IDictionary dictionary)
        {
            foreach (System.Collections.DictionaryEntry e in dictionary)
                entries.Add(new(Key.Decompose(e.Key), Value.Decompose(e.Value ?? throw new MarshalException("Invalid null value in map"))));
        }
        else if (value is System.Collections.IEnumerable items)
        {
            foreach (object? item in items)
            {
                if (item is null)
                    throw new MarshalException("Invalid null key in map");
                // KeyValuePair<TKey, TValue> of any type arguments.
                var type = item.GetType();
                object? k = type.GetProperty("Key")?.GetValue(item);
                object? v = type.GetProperty("Value")?.GetValue(item);
                entries.Add(new(Key.Decompose(k ?? throw new MarshalException("Invalid null key in map")),
                                Value.Decompose(v ?? throw new MarshalException("Invalid null value in map"))));
            }
        }
        else
        {
            throw new MarshalException($"Cannot convert {value.GetType().Name} to a map");
        }

        return CollectionSerializer.PackMap(Key, entries);
    }
}
