using System.Buffers;
using System.Buffers.Binary;
using Sibyl.Common;
using Sibyl.Common.Hashing;

namespace Sibyl.Client;

/// <summary>
/// Murmur3Partitioner tokens of bound partition keys, as Cassandra computes them: the key's serialized bytes
/// (one column: the value itself; several: each as [short length][bytes][0x00]) hashed with seed 0, the
/// first 64 bits taken, and long.MinValue (the ring's minimum) mapped to long.MaxValue.
/// </summary>
public static class RoutingKey
{
    /// <summary>The token of the key bound at <paramref name="partitionKeyIndexes"/>, or null when a component is null or unset.</summary>
    public static long? ComputeToken(IReadOnlyList<byte[]?> values, IReadOnlyList<ushort> partitionKeyIndexes)
    {
        int count = partitionKeyIndexes.Count;
        if (count == 0)
            return null;
        if (count == 1)
        {
            int index = partitionKeyIndexes[0];
            if (index >= values.Count || values[index] is not { } single || ReferenceEquals(single, QueryOptions.Unset))
                return null;
            return TokenOf(single);
        }
        int size = 0;
        for (int i = 0; i < count; i++)
        {
            int index = partitionKeyIndexes[i];
            if (index >= values.Count || values[index] is not { } component || ReferenceEquals(component, QueryOptions.Unset))
                return null;
            size += 2 + component.Length + 1;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            int position = 0;
            for (int i = 0; i < count; i++)
            {
                byte[] component = values[partitionKeyIndexes[i]]!;
                BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(position), checked((ushort)component.Length));
                component.CopyTo(buffer, position + 2);
                position += 2 + component.Length;
                buffer[position++] = 0;
            }
            return TokenOf(buffer.AsSpan(0, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The token of one serialized partition key.</summary>
    public static long TokenOf(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
            return long.MinValue;
        long h1 = Murmur3.Hash3_x64_128(key, 0).H1;
        return h1 == long.MinValue ? long.MaxValue : h1;
    }
}
