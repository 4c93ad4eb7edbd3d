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

    public bool IsTombstone => Ttl == LivenessInfo.NoTtl && LocalDeletionTime != LivenessInfo.NoExpiration;

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
        if (a.Timestamp != b.Timestamp) return a.Timestamp > b.Timestamp ? a : b;
        bool aDead = a.IsTombstone, bDead = b.IsTombstone;
        if (aDead != bDead) return aDead ? a : b;
        if (aDead) return a.LocalDeletionTime >= b.LocalDeletionTime ? a : b;
        if (a.IsExpiring != b.IsExpiring) return a.IsExpiring ? a : b;
        if (a.IsExpiring && a.LocalDeletionTime != b.LocalDeletionTime)
            return a.LocalDeletionTime > b.LocalDeletionTime ? a : b;
        return a.Value.AsSpan().SequenceCompareTo(b.Value) >= 0 ? a : b;
    }
}
