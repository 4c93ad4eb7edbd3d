using Sibyl.Common.Hashing;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// The partition key filter of an SSTable. Sized from the expected key count and bloom_filter_fp_chance
/// (m = -n ln p / ln²2 bits, k = m/n ln 2 hashes); the k positions come from Cassandra's Murmur3
/// hash3_x64_128 of the key as h1 + i·h2 (Kirsch–Mitzenmacher), as Cassandra's BloomFilter does.
/// </summary>
public sealed class BloomFilter
{
    private const int MaxHashCount = 20;
    private readonly long[] _words;

    private BloomFilter(int hashCount, long bitCount, long[] words)
    {
        HashCount = hashCount;
        BitCount = bitCount;
        _words = words;
    }

    public int HashCount { get; }

    public long BitCount { get; }

    /// <summary>Bytes the filter holds in memory (nodetool tablestats "Bloom filter space used").</summary>
    public long SizeInBytes => _words.Length * 8L;

    public static BloomFilter Create(long expectedKeys, double falsePositiveChance)
    {
        expectedKeys = Math.Max(1, expectedKeys);
        if (falsePositiveChance >= 1.0)
            return new BloomFilter(0, 64, new long[1]); // Cassandra's AlwaysPresentFilter: no filtering at all
        double p = Math.Clamp(falsePositiveChance, 1e-9, 0.999);
        double ln2 = Math.Log(2);
        long bits = Math.Max(64, (long)Math.Ceiling(-expectedKeys * Math.Log(p) / (ln2 * ln2)));
        int k = Math.Clamp((int)Math.Round(bits / (double)expectedKeys * ln2), 1, MaxHashCount);
        long words = (bits + 63) / 64;
        return new BloomFilter(k, words * 64, new long[words]);
    }

    public void Add(ReadOnlySpan<byte> key)
    {
        if (HashCount == 0) return;
        var (h1, h2) = Murmur3.Hash3_x64_128(key, 0);
        for (int i = 0; i < HashCount; i++)
        {
            long bit = Index(h1, h2, i);
            _words[bit >> 6] |= 1L << (int)(bit & 63);
        }
    }

    public bool MayContain(ReadOnlySpan<byte> key)
    {
        if (HashCount == 0) return true;
        var (h1, h2) = Murmur3.Hash3_x64_128(key, 0);
        for (int i = 0; i < HashCount; i++)
        {
            long bit = Index(h1, h2, i);
            if ((_words[bit >> 6] & (1L << (int)(bit & 63))) == 0) return false;
        }
        return true;
    }

    private long Index(long h1, long h2, int i)
    {
        long combined = h1 + i * h2;
        return (long)((ulong)combined % (ulong)BitCount);
    }

    /// <summary>Filter.db body: hash count (int32), bit count (int64), the words (int64 each).</summary>
    internal void Write(ByteWriter w)
    {
        w.WriteInt32(HashCount);
        w.WriteInt64(BitCount);
        foreach (long word in _words) w.WriteInt64(word);
    }

    internal static BloomFilter Read(ref ByteReader r)
    {
        int k = r.ReadInt32();
        long bits = r.ReadInt64();
        if (k < 0 || k > MaxHashCount || bits <= 0 || bits % 64 != 0 || bits / 8 > r.Remaining)
            throw new InvalidDataException("Bad bloom filter header");
        var words = new long[bits / 64];
        for (int i = 0; i < words.Length; i++) words[i] = r.ReadInt64();
        return new BloomFilter(k, bits, words);
    }
}
