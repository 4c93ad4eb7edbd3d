namespace Sibyl.Data.Model;

/// <summary>
/// When something was deleted: the write timestamp of the deletion (microseconds, the client's clock)
/// and the node-local time it happened (seconds, used for gc_grace_seconds). Cassandra's DeletionTime.
/// </summary>
public readonly record struct DeletionTime(long MarkedForDeleteAt, int LocalDeletionTime)
{
    public static readonly DeletionTime Live = new(long.MinValue, int.MaxValue);

    public bool IsLive => MarkedForDeleteAt == long.MinValue && LocalDeletionTime == int.MaxValue;

    /// <summary>Whether data written at <paramref name="timestamp"/> is shadowed by this deletion.</summary>
    public bool Deletes(long timestamp) => timestamp <= MarkedForDeleteAt;

    public bool Supersedes(DeletionTime other) =>
        MarkedForDeleteAt > other.MarkedForDeleteAt
        || (MarkedForDeleteAt == other.MarkedForDeleteAt && LocalDeletionTime > other.LocalDeletionTime);

    public static DeletionTime Max(DeletionTime a, DeletionTime b) => b.Supersedes(a) ? b : a;
}
