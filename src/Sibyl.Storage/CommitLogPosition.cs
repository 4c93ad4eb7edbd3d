namespace Sibyl.Storage;

/// <summary>
/// A point in the commit log: the segment id and a byte offset in it (Cassandra's CommitLogPosition).
/// Ordered by segment, then offset. A flush reports the highest position its memtable covered, so the
/// commit log can recycle every segment wholly before it.
/// </summary>
public readonly record struct CommitLogPosition(long SegmentId, int Offset) : IComparable<CommitLogPosition>
{
    /// <summary>Before every real position: what an empty memtable covers.</summary>
    public static readonly CommitLogPosition None = new(-1, 0);

    public int CompareTo(CommitLogPosition other)
    {
        int c = SegmentId.CompareTo(other.SegmentId);
        return c != 0 ? c : Offset.CompareTo(other.Offset);
    }

    public static CommitLogPosition Max(CommitLogPosition a, CommitLogPosition b) => a.CompareTo(b) >= 0 ? a : b;

    public static bool operator <(CommitLogPosition left, CommitLogPosition right) => left.CompareTo(right) < 0;
    public static bool operator >(CommitLogPosition left, CommitLogPosition right) => left.CompareTo(right) > 0;
    public static bool operator <=(CommitLogPosition left, CommitLogPosition right) => left.CompareTo(right) <= 0;
    public static bool operator >=(CommitLogPosition left, CommitLogPosition right) => left.CompareTo(right) >= 0;
}
