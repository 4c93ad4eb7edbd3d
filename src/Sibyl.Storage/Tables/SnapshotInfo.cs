namespace Sibyl.Storage.Tables;

/// <summary>One snapshot of one table, as nodetool listsnapshots shows it.</summary>
public sealed record SnapshotInfo(string Name, string Keyspace, string Table, long SizeOnDisk, long TrueSize, DateTimeOffset CreatedAt);
