namespace Sibyl.Data.Model;

/// <summary>
/// A read of the rows of a table that a secondary index lists under one value: Cassandra's range read with an
/// index expression, served by the replica's index searcher. The partitions between <see cref="Start"/> and
/// <see cref="End"/> come back in token order, each with only the listed rows that <see cref="ReadCommand.Filter"/>
/// selects (<see cref="FirstPartitionFilter"/> for the partition paging resumes in), every row still holding the
/// value (entries left by overwrites and deletions are skipped).
/// </summary>
public sealed record IndexReadCommand(
    Guid TableId, Guid IndexId, byte[] IndexedValue, PartitionPosition? Start, PartitionPosition? End,
    ClusteringIndexFilter Filter, DataLimits Limits, int NowInSeconds, ClusteringIndexFilter? FirstPartitionFilter = null)
    : ReadCommand(TableId, Filter, Limits, NowInSeconds);
