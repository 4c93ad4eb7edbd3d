namespace Sibyl.Storage.CommitLog;

/// <summary>commitlog_sync: when a write is acknowledged relative to the fsync of its commit log record.</summary>
public enum CommitLogSyncMode
{
    /// <summary>Acknowledge at once; fsync every commitlog_sync_period on a background task.</summary>
    Periodic,

    /// <summary>Acknowledge after the record is fsynced; writers waiting together share one fsync.</summary>
    Batch,

    /// <summary>Acknowledge after fsync; fsyncs happen at most every commitlog_sync_group_window.</summary>
    Group,
}
