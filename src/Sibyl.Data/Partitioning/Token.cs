using System.Globalization;

namespace Sibyl.Data.Partitioning;

/// <summary>
/// A Murmur3Partitioner token (Cassandra's LongToken): a position on the ring, ordered as a signed
/// long. <see cref="MinValue"/> is the partitioner's minimum token; no key hashes to it.
/// </summary>
public readonly record struct Token(long Value) : IComparable<Token>
{
    public static readonly Token MinValue = new(long.MinValue);
    public static readonly Token MaxValue = new(long.MaxValue);

    public bool IsMinimum => Value == long.MinValue;

    public int CompareTo(Token other) => Value.CompareTo(other.Value);

    public static bool operator <(Token left, Token right) => left.Value < right.Value;
    public static bool operator >(Token left, Token right) => left.Value > right.Value;
    public static bool operator <=(Token left, Token right) => left.Value <= right.Value;
    public static bool operator >=(Token left, Token right) => left.Value >= right.Value;

    /// <summary>As Cassandra prints a token (system.local tokens, token() results).</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    public static Token Parse(string text) => new(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
}
