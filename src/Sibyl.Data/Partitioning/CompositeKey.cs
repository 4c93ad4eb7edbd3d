using System.Buffers.Binary;
using Sibyl.Data.Types;

namespace Sibyl.Data.Partitioning;

/// <summary>
/// The serialized form of a multi-column partition key (Cassandra's CompositeType): for each
/// component a 2-byte big-endian length, the bytes, and an end-of-component byte 0. Tokens are
/// computed over this form, so it must match Cassandra byte for byte.
/// </summary>
public static class CompositeKey
{
    public static byte[] Build(params IReadOnlyList<byte[]> components)
    {
        int size = 0;
        foreach (byte[] c in components)
        {
            if (c.Length > ushort.MaxValue)
                throw new MarshalException($"Key length of {c.Length} is longer than maximum of {ushort.MaxValue}");
            size += 3 + c.Length;
        }

        var result = new byte[size];
        int pos = 0;
        foreach (byte[] c in components)
        {
            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(pos), (ushort)c.Length);
            c.CopyTo(result, pos + 2);
            pos += 2 + c.Length;
            result[pos++] = 0;
        }

        return result;
    }

    /// <summary>The components of a composite key; throws <see cref="MarshalException"/> on a malformed one.</summary>
    public static List<byte[]> Split(ReadOnlySpan<byte> key)
    {
        var result = new List<byte[]>(4);
        int pos = 0;
        while (pos < key.Length)
        {
            if (key.Length - pos < 2)
                throw new MarshalException("Not enough bytes to read value size of component " + result.Count);
            int length = BinaryPrimitives.ReadUInt16BigEndian(key[pos..]);
            pos += 2;
            if (key.Length - pos < length)
                throw new MarshalException("Not enough bytes to read value of component " + result.Count);
            result.Add(key.Slice(pos, length).ToArray());
            pos += length;
            if (pos >= key.Length)
                throw new MarshalException("Not enough bytes to read the end-of-component byte of component " + result.Count);
            pos++;
        }

        return result;
    }
}
