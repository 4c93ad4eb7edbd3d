namespace Sibyl.Data.Partitioning;

/// <summary>A partition key with its token: ordered by token, then by the key bytes unsigned, as Cassandra's DecoratedKey.</summary>
public sealed class DecoratedKey : IComparable<DecoratedKey>, IEquatable<DecoratedKey>
{
    public DecoratedKey(Token token, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Token = token;
        Key = key;
    }

    public Token Token { get; }

    /// <summary>The serialized partition key (CompositeKey form when the key has several columns). Do not mutate.</summary>
    public byte[] Key { get; }

    public int CompareTo(DecoratedKey? other)
    {
        if (other is null)
            return 1;
        int c = Token.CompareTo(other.Token);
        return c != 0 ? c : Key.AsSpan().SequenceCompareTo(other.Key);
    }

    public bool Equals(DecoratedKey? other) =>
        other is not null && Token == other.Token && Key.AsSpan().SequenceEqual(other.Key);

    public override bool Equals(object? obj) => obj is DecoratedKey k && Equals(k);

    public override int GetHashCode() => Token.GetHashCode();

    public override string ToString() => $"DecoratedKey({Token}, {Convert.ToHexStringLower(Key)})";

    public static bool operator ==(DecoratedKey? left, DecoratedKey? right) => left is null ? right is null : left.Equals(right);
    public static bool operator !=(DecoratedKey? left, DecoratedKey? right) => !(left == right);
    public static bool operator <(DecoratedKey left, DecoratedKey right) => left.CompareTo(right) < 0;
    public static bool operator >(DecoratedKey left, DecoratedKey right) => left.CompareTo(right) > 0;
    public static bool operator <=(DecoratedKey left, DecoratedKey right) => left.CompareTo(right) <= 0;
    public static bool operator >=(DecoratedKey left, DecoratedKey right) => left.CompareTo(right) >= 0;
}
