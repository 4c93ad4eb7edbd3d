namespace Sibyl.Data.Model;

/// <summary>
/// The primary key liveness of a row: set by INSERT (not by UPDATE), it keeps a row alive even when all
/// its regular columns are null. Cassandra's LivenessInfo.
/// </summary>
public readonly record struct LivenessInfo(long Timestamp, int Ttl, int LocalExpirationTime)
{
    public const int NoTtl = 0;
    public const int NoExpiration = int.MaxValue;
    public const long NoTimestamp = long.MinValue;

    public static readonly LivenessInfo Empty = new(NoTimestamp, NoTtl, NoExpiration);

    public static LivenessInfo Create(long timestamp, int ttl, int nowInSeconds) =>
        ttl == NoTtl ? new(timestamp, NoTtl, NoExpiration) : new(timestamp, ttl, Cell.ExpirationTime(nowInSeconds, ttl));

    public bool IsEmpty => Timestamp == NoTimestamp;

    public bool IsExpiring => Ttl != NoTtl;

    public bool IsLive(int nowInSeconds) => !IsEmpty && (!IsExpiring || nowInSeconds < LocalExpirationTime);

    /// <summary>Reconciliation: the higher timestamp wins; at equal timestamps, Cassandra prefers the
    /// expiring info and then the later expiration.</summary>
    public static LivenessInfo Merge(LivenessInfo a, LivenessInfo b)
    {
        if (a.IsEmpty) return b;
        if (b.IsEmpty) return a;
        if (a.Timestamp != b.Timestamp) return a.Timestamp > b.Timestamp ? a : b;
        if (a.IsExpiring != b.IsExpiring) return a.IsExpiring ? a : b;
        return a.LocalExpirationTime >= b.LocalExpirationTime ? a : b;
    }
}
