namespace Sibyl.Storage.CommitLog;

/// <summary>The commit log settings of cassandra.yaml that the commit log itself uses.</summary>
public sealed record CommitLogOptions
{
    public required string Directory { get; init; }
    public CommitLogSyncMode SyncMode { get; init; } = CommitLogSyncMode.Periodic;
    public TimeSpan SyncPeriod { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan GroupWindow { get; init; } = TimeSpan.FromSeconds(1);
    public long SegmentSize { get; init; } = 32L * 1024 * 1024;

    /// <summary>commitlog_total_space: past it, the tables holding the oldest segment are flushed so it can go.</summary>
    public long TotalSpace { get; init; } = 8192L * 1024 * 1024;

    /// <summary>Cassandra's max_mutation_size default: half a segment.</summary>
    public int MaxRecordSize => (int)Math.Min(int.MaxValue, SegmentSize / 2);
}
