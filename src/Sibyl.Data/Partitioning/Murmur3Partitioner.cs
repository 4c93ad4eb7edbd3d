using Sibyl.Common.Hashing;

namespace Sibyl.Data.Partitioning;

/// <summary>
/// Cassandra's default partitioner: the token of a partition key is the first 64 bits of Cassandra's
/// Murmur3 x64-128 hash (seed 0) of its serialized bytes. long.MinValue is reserved as the minimum
/// token, so a hash equal to it becomes long.MaxValue; the empty key maps to the minimum token.
/// </summary>
public static class Murmur3Partitioner
{
    public const string ClassName = "org.apache.cassandra.dht.Murmur3Partitioner";

    public static Token GetToken(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
            return Token.MinValue;
        return new Token(Normalize(Murmur3.Hash3_x64_128(key, 0).H1));
    }

    public static DecoratedKey Decorate(byte[] key) => new(GetToken(key), key);

    private static long Normalize(long v) => v == long.MinValue ? long.MaxValue : v;
}
