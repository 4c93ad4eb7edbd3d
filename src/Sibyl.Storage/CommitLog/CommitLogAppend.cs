namespace Sibyl.Storage.CommitLog;

/// <summary>
/// The outcome of appending one mutation: where its record ends (what a memtable records for flushes)
/// and a task that completes once the sync mode considers it durable (at once in periodic mode).
/// </summary>
public readonly record struct CommitLogAppend(CommitLogPosition Position, Task WhenDurable);
