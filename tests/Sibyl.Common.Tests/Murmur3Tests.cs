using System.Buffers.Binary;
using System.Text;
using Sibyl.Common.Hashing;

namespace Sibyl.Common.Tests;

public class Murmur3Tests
{
    private static byte[] Int(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        return b;
    }

    // Cassandra's token() of int partition keys 0..3 (select token(k) from t, k int primary key).
    [Theory]
    [InlineData(0, -3485513579396041028L)]
    [InlineData(1, -4069959284402364209L)]
    [InlineData(2, -3248873570005575792L)]
    [InlineData(3, 9010454139840013625L)]
    public void FirstHalfMatchesCassandraTokensOfInts(int key, long expected)
    {
        Assert.Equal(expected, Murmur3.Hash3_x64_128(Int(key), 0).H1);
    }

    [Fact]
    public void EmptyInputHashesToZeroWithSeedZero()
    {
        Assert.Equal((0L, 0L), Murmur3.Hash3_x64_128([], 0));
    }

    [Fact]
    public void TailBytesAboveSevenBitsAreSignExtendedUnlikeReferenceMurmur()
    {
        // The reference algorithm (unsigned tail) and Cassandra's variant agree when every tail byte is < 0x80
        // and differ as soon as one is >= 0x80; compare with a local unsigned implementation.
        byte[] low = [0x01, 0x02, 0x03];
        byte[] high = [0x01, 0x82, 0x03];
        Assert.Equal(ReferenceH1(low), Murmur3.Hash3_x64_128(low, 0).H1);
        Assert.NotEqual(ReferenceH1(high), Murmur3.Hash3_x64_128(high, 0).H1);
    }

    [Fact]
    public void BlocksAndTailAreAllConsumed()
    {
        // 16-byte blocks are read little-endian; a change anywhere changes the hash.
        byte[] data = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");
        var baseline = Murmur3.Hash3_x64_128(data, 0);
        for (int i = 0; i < data.Length; i++)
        {
            byte[] copy = (byte[])data.Clone();
            copy[i] ^= 1;
            Assert.NotEqual(baseline, Murmur3.Hash3_x64_128(copy, 0));
        }

        Assert.NotEqual(baseline, Murmur3.Hash3_x64_128(data, 1));
    }

    [Fact]
    public void ReferenceVectorForAsciiInputWithoutHighBytes()
    {
        // With only 7-bit bytes the variant equals the published MurmurHash3_x64_128 (seed 0):
        // "The quick brown fox jumps over the lazy dog" -> 6c1b07bc7bbc4be3 47939ac4a93c437a (h1, h2 as little-endian bytes e34bbc7bbc071b6c 7a433ca9c49a9347).
        var (h1, h2) = Murmur3.Hash3_x64_128(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog"), 0);
        Assert.Equal(unchecked((long)0xe34bbc7bbc071b6cUL), h1);
        Assert.Equal(unchecked((long)0x7a433ca9c49a9347UL), h2);
    }

    private static long ReferenceH1(byte[] key)
    {
        // Reference tail handling for inputs shorter than 8 bytes: unsigned widening.
        const ulong c1 = 0x87c37b91114253d5UL, c2 = 0x4cf5ad432745937fUL;
        ulong h1 = 0, h2 = 0, k1 = 0;
        for (int i = key.Length - 1; i >= 0; i--)
            k1 ^= (ulong)key[i] << (i * 8);
        k1 *= c1; k1 = System.Numerics.BitOperations.RotateLeft(k1, 31); k1 *= c2; h1 ^= k1;
        h1 ^= (ulong)key.Length; h2 ^= (ulong)key.Length;
        h1 += h2; h2 += h1;
        h1 = FMix(h1); h2 = FMix(h2);
        h1 += h2;
        return (long)h1;
    }

    private static ulong FMix(ulong k)
    {
        k ^= k >> 33; k *= 0xff51afd7ed558ccdUL; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53UL; k ^= k >> 33;
        return k;
    }
}
