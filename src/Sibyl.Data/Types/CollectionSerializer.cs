using System.Buffers.Binary;

namespace Sibyl.Data.Types;

/// <summary>
/// The serialized form of lists, sets and maps in native protocol v3+ (and on disk for frozen
/// collections): an int32 element count, then each element (for maps each key then value) as an
/// int32 length and its bytes. Sets and maps are kept sorted by their element/key type and unique.
/// </summary>
public static class CollectionSerializer
{
    /// <summary>Reads the element count; <paramref name="offset"/> is set past it. Throws when fewer than 4 bytes.</summary>
    public static int ReadCount(ReadOnlySpan<byte> value, out int offset)
    {
        if (value.Length < 4)
            throw new MarshalException("Not enough bytes to read a collection");
        offset = 4;
        return BinaryPrimitives.ReadInt32BigEndian(value);
    }

    /// <summary>Reads one length-prefixed value at <paramref name="offset"/> and advances it; false when the bytes end early
    /// or the length is negative (collections hold no nulls).</summary>
    public static bool TryReadValue(ReadOnlySpan<byte> data, ref int offset, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (data.Length - offset < 4)
            return false;
        int length = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
        if (length < 0 || data.Length - offset - 4 < length)
            return false;
        value = data.Slice(offset + 4, length);
        offset += 4 + length;
        return true;
    }

    /// <summary>Serializes values as given; <paramref name="count"/> is the element count (pairs for a map, whose
    /// values alternate key, value).</summary>
    public static byte[] Pack(IReadOnlyList<byte[]> values, int count)
    {
        int size = 4;
        foreach (byte[] v in values)
            size += 4 + v.Length;
        var result = new byte[size];
        BinaryPrimitives.WriteInt32BigEndian(result, count);
        int pos = 4;
        foreach (byte[] v in values)
        {
            BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(pos), v.Length);
            v.CopyTo(result, pos + 4);
            pos += 4 + v.Length;
        }

        return result;
    }

    public static byte[] PackList(IReadOnlyList<byte[]> elements) => Pack(elements, elements.Count);

    /// <summary>A set value: elements sorted by <paramref name="elementType"/>, duplicates dropped.</summary>
    public static byte[] PackSet(CqlType elementType, IEnumerable<byte[]> elements)
    {
        var sorted = new List<byte[]>(elements);
        sorted.Sort((a, b) => elementType.Compare(a, b));
        var unique = new List<byte[]>(sorted.Count);
        foreach (byte[] e in sorted)
        {
            if (unique.Count == 0 || elementType.Compare(unique[^1], e) != 0)
                unique.Add(e);
        }

        return Pack(unique, unique.Count);
    }

    /// <summary>A map value: entries sorted by <paramref name="keyType"/>; for a repeated key the last entry wins.</summary>
    public static byte[] PackMap(CqlType keyType, IEnumerable<KeyValuePair<byte[], byte[]>> entries)
    {
        var list = new List<(int Index, KeyValuePair<byte[], byte[]> Entry)>();
        foreach (var e in entries)
            list.Add((list.Count, e));
        // Stable on the original index so that "last wins" is well defined.
        list.Sort((a, b) =>
        {
            int c = keyType.Compare(a.Entry.Key, b.Entry.Key);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        var flat = new List<byte[]>(list.Count * 2);
        for (int i = 0; i < list.Count; i++)
        {
            if (i + 1 < list.Count && keyType.Compare(list[i].Entry.Key, list[i + 1].Entry.Key) == 0)
                continue;
            flat.Add(list[i].Entry.Key);
            flat.Add(list[i].Entry.Value);
        }

        return Pack(flat, flat.Count / 2);
    }

    /// <summary>The elements of a list or set value (unvalidated beyond framing).</summary>
    public static List<byte[]> ReadElements(ReadOnlySpan<byte> value)
    {
        int n = ReadCount(value, out int offset);
        var result = new List<byte[]>(Math.Clamp(n, 0, 1024));
        for (int i = 0; i < n; i++)
        {
            if (!TryReadValue(value, ref offset, out var element))
                throw new MarshalException("Not enough bytes to read a collection");
            result.Add(element.ToArray());
        }

        return result;
    }

    /// <summary>The entries of a map value (unvalidated beyond framing).</summary>
    public static List<KeyValuePair<byte[], byte[]>> ReadEntries(ReadOnlySpan<byte> value)
    {
        int n = ReadCount(value, out int offset);
        var result = new List<KeyValuePair<byte[], byte[]>>(Math.Clamp(n, 0, 1024));
        for (int i = 0; i < n; i++)
        {
            if (!TryReadValue(value, ref offset, out var k) || !TryReadValue(value, ref offset, out var v))
                throw new MarshalException("Not enough bytes to read a map");
            result.Add(new(k.ToArray(), v.ToArray()));
        }

        return result;
    }

    /// <summary>Validates framing and every element (and value, for maps) with its type, with Cassandra's messages.</summary>
    internal static void Validate(ReadOnlySpan<byte> value, string kind, CqlType elements, CqlType? values)
    {
        if (value.Length < 4)
            throw new MarshalException($"Not enough bytes to read a {kind}");
        int n = BinaryPrimitives.ReadInt32BigEndian(value);
        // Every element takes at least its 4 length bytes: a count beyond that cannot be read.
        if (n < 0 || (long)n * (values is null ? 4 : 8) > value.Length - 4)
            throw new MarshalException($"Not enough bytes to read a {kind}");
        int offset = 4;
        for (int i = 0; i < n; i++)
        {
            ReadValidated(value, ref offset, kind, elements);
            if (values is not null)
                ReadValidated(value, ref offset, kind, values);
        }

        if (offset != value.Length)
            throw new MarshalException($"Unexpected extraneous bytes after {kind} value");
    }

    private static void ReadValidated(ReadOnlySpan<byte> value, ref int offset, string kind, CqlType type)
    {
        if (value.Length - offset < 4)
            throw new MarshalException($"Not enough bytes to read a {kind}");
        int length = BinaryPrimitives.ReadInt32BigEndian(value[offset..]);
        if (length < 0)
            throw new MarshalException("Null value read when not allowed");
        if (value.Length - offset - 4 < length)
            throw new MarshalException($"Not enough bytes to read a {kind}");
        type.Validate(value.Slice(offset + 4, length));
        offset += 4 + length;
    }

    /// <summary>Cassandra's frozen list/set order: element by element, then the shorter first. Empty values first.</summary>
    internal static int CompareElements(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, CqlType elements, CqlType? values)
    {
        if (left.IsEmpty || right.IsEmpty)
            return (left.IsEmpty ? 0 : 1) - (right.IsEmpty ? 0 : 1);
        int nl = ReadCount(left, out int ol);
        int nr = ReadCount(right, out int or);
        int n = Math.Min(nl, nr);
        for (int i = 0; i < n; i++)
        {
            TryReadValue(left, ref ol, out var a);
            TryReadValue(right, ref or, out var b);
            int c = elements.Compare(a, b);
            if (c != 0)
                return c;
            if (values is not null)
            {
                TryReadValue(left, ref ol, out a);
                TryReadValue(right, ref or, out b);
                c = values.Compare(a, b);
                if (c != 0)
                    return c;
            }
        }

        return nl.CompareTo(nr);
    }
}
