using Sibyl.Data.Partitioning;

namespace Sibyl.Data.Model;

/// <summary>
/// A bound of a partition range in ring order: a token alone (every key with that token is on the
/// inclusive side), or a token with a key (paging resumes strictly after or at that key).
/// </summary>
public readonly record struct PartitionPosition(Token Token, byte[]? Key, bool Inclusive)
{
    public static PartitionPosition AtToken(Token token, bool inclusive) => new(token, null, inclusive);

    public static PartitionPosition AfterKey(DecoratedKey key) => new(key.Token, key.Key, false);

    /// <summary>Whether a key lies at or after this position used as a start bound.</summary>
    public bool IsBeforeOrAt(DecoratedKey key)
    {
        int c = Token.CompareTo(key.Token);
        if (c != 0) return c < 0;
        if (Key is null) return Inclusive;
        int k = Key.AsSpan().SequenceCompareTo(key.Key);
        return k < 0 || (k == 0 && Inclusive);
    }

    /// <summary>Whether a key lies at or before this position used as an end bound.</summary>
    public bool IsAfterOrAt(DecoratedKey key)
    {
        int c = Token.CompareTo(key.Token);
        if (c != 0) return c > 0;
        if (Key is null) return Inclusive;
        int k = Key.AsSpan().SequenceCompareTo(key.Key);
        return k > 0 || (k == 0 && Inclusive);
    }
}
