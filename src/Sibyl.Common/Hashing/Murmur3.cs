using System.Buffers.Binary;
using System.Numerics;

namespace Sibyl.Common.Hashing;

/// <summary>
/// Cassandra's variant of MurmurHash3 x64 128 (org.apache.cassandra.utils.MurmurHash.hash3_x64_128).
/// It differs from the reference algorithm in one place: the 1..15 tail bytes are widened as signed
/// bytes, so a tail byte >= 0x80 sign-extends into the higher bits. Murmur3Partitioner tokens depend
/// on this quirk, so it is kept bit for bit.
/// </summary>
public static class Murmur3
{
    private const ulong C1 = 0x87c37b91114253d5UL;
    private const ulong C2 = 0x4cf5ad432745937fUL;

    public static (long H1, long H2) Hash3_x64_128(ReadOnlySpan<byte> key, long seed)
    {
        int length = key.Length;
        int nblocks = length >> 4;
        ulong h1 = (ulong)seed;
        ulong h2 = (ulong)seed;

        for (int i = 0; i < nblocks; i++)
        {
            ulong k1 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16));
            ulong k2 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16 + 8));

            k1 *= C1; k1 = BitOperations.RotateLeft(k1, 31); k1 *= C2; h1 ^= k1;
            h1 = BitOperations.RotateLeft(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;

            k2 *= C2; k2 = BitOperations.RotateLeft(k2, 33); k2 *= C1; h2 ^= k2;
            h2 = BitOperations.RotateLeft(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
        }

        ReadOnlySpan<byte> tail = key.Slice(nblocks * 16);
        int rest = length & 15;
        if (rest > 8)
        {
            ulong k2 = 0;
            for (int i = rest - 1; i >= 8; i--)
                k2 ^= (ulong)(long)(sbyte)tail[i] << ((i - 8) * 8);
            k2 *= C2; k2 = BitOperations.RotateLeft(k2, 33); k2 *= C1; h2 ^= k2;
        }

        if (rest > 0)
        {
            ulong k1 = 0;
            for (int i = Math.Min(rest, 8) - 1; i >= 0; i--)
                k1 ^= (ulong)(long)(sbyte)tail[i] << (i * 8);
            k1 *= C1; k1 = BitOperations.RotateLeft(k1, 31); k1 *= C2; h1 ^= k1;
        }

        h1 ^= (ulong)length;
        h2 ^= (ulong)length;
        h1 += h2;
        h2 += h1;
        h1 = FMix(h1);
        h2 = FMix(h2);
        h1 += h2;
        h2 += h1;
        return ((long)h1, (long)h2);
    }

    private static ulong FMix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
