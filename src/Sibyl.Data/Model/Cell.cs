namespace Sibyl.Data.Model;

/// <summary>
/// One column value of a row with its write timestamp; a tombstone when <see cref="IsTombstone"/>.
/// <see cref="Path"/> is the element key inside a non-frozen collection or UDT (null for simple columns).
/// Cassandra's BufferCell: localDeletionTime is the expiration time of an expiring cell and the deletion
/// time of a tombstone.
/// </summary>
public sealed class Cell
{
    public Cell(string column, byte[]? path, byte[] value, long timestamp, int ttl, int localDeletionTime)
    {
        Column = column;
        Path = path;
        Value = value;
        Timestamp = timestamp;
        Ttl = ttl;
        LocalDeletionTime = localDeletionTime;
    }

    public string Column { get; }
    public byte[]? Path { get; }
    public byte[] Value { get; }
    public long Timestamp { get; }
    public int Ttl { get; }
    public int LocalDeletionTime { get; }

    public bool IsTombstone => IsTombstoneOf(Ttl, LocalDeletionTime);

    /// <summary>A tombstone has no TTL and a deletion time (an expiring cell has both, a live cell neither).</summary>
    public static bool IsTombstoneOf(int ttl, int localDeletionTime) =>
        ttl == LivenessInfo.NoTtl && localDeletionTime != LivenessInfo.NoExpiration;

    public bool IsExpiring => Ttl != LivenessInfo.NoTtl;

    public bool IsLive(int nowInSeconds) =>
        LocalDeletionTime == LivenessInfo.NoExpiration || (IsExpiring && nowInSeconds < LocalDeletionTime);

    public static Cell Live(string column, byte[] value, long timestamp, byte[]? path = null) =>
        new(column, path, value, timestamp, LivenessInfo.NoTtl, LivenessInfo.NoExpiration);

    public static Cell Expiring(string column, byte[] value, long timestamp, int ttl, int nowInSeconds, byte[]? path = null) =>
        new(column, path, value, timestamp, ttl, ExpirationTime(nowInSeconds, ttl));

    public static Cell Tombstone(string column, long timestamp, int nowInSeconds, byte[]? path = null) =>
        new(column, path, [], timestamp, LivenessInfo.NoTtl, nowInSeconds);

    /// <summary>Cassandra caps expiration at the maximum deletion time rather than overflowing.</summary>
    public static int ExpirationTime(int nowInSeconds, int ttl)
    {
        long expiration = (long)nowInSeconds + ttl;
        return expiration >= int.MaxValue ? int.MaxValue - 1 : (int)expiration;
    }

    /// <summary>
    /// Cassandra's reconciliation: the higher timestamp wins; at equal timestamps a tombstone beats a live
    /// cell, then an expiring cell beats a plain one (later expiration first), then the greater value wins.
    /// Counter cells follow <see cref="CounterContext.TryReconcile"/>.
    /// </summary>
    public static Cell Reconcile(Cell a, Cell b)
    {
        // Counter cells (recognised by their value) merge their contexts instead: see CounterContext.
        if (CounterContext.TryReconcile(a, b) is { } counter) return counter;
        return FirstWins(a.Timestamp, a.Ttl, a.LocalDeletionTime, a.Value, b.Timestamp, b.Ttl, b.LocalDeletionTime, b.Value) ? a : b;
    }

    /// <summary>
    /// Whether the first of two cells (neither a counter) wins <see cref="Reconcile"/>: the one statement of the
    /// rules, for cell objects and for cells still in their serialized form (the memtable's merge).
    /// </summary>
    public static bool FirstWins(long aTimestamp, int aTtl, int aLocalDeletionTime, ReadOnlySpan<byte> aValue,
        long bTimestamp, int bTtl, int bLocalDeletionTime, ReadOnlySpan<byte> bValue)
    {
        if (aTimestamp != bTimestamp) return aTimestamp > bTimestamp;
        bool aDead = IsTombstoneOf(aTtl, aLocalDeletionTime), bDead = IsTombstoneOf(bTtl, bLocalDeletionTime);
        if (aDead != bDead) return aDead;
        if (aDead) return aLocalDeletionTime >= bLocalDeletionTime;
        bool aExpiring = aTtl != LivenessInfo.NoTtl, bExpiring = bTtl != LivenessInfo.NoTtl;
        if (aExpiring != bExpiring) return aExpiring;
        if (aExpiring && aLocalDeletionTime != bLocalDeletionTime) return aLocalDeletionTime > bLocalDeletionTime;
        return aValue.SequenceCompareTo(bValue) >= 0;
    }
}
