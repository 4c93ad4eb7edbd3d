using Sibyl.Data.Partitioning;

namespace Sibyl.Data.Model;

/// <summary>A read a replica executes: one partition or a range of partitions of one table.</summary>
public abstract record ReadCommand(Guid TableId, ClusteringIndexFilter Filter, DataLimits Limits, int NowInSeconds);

/// <summary>A read of one partition (WHERE on the whole partition key).</summary>
public sealed record SinglePartitionReadCommand(
    Guid TableId, DecoratedKey Key, ClusteringIndexFilter Filter, DataLimits Limits, int NowInSeconds)
    : ReadCommand(TableId, Filter, Limits, NowInSeconds);

/// <summary>
/// A read of the partitions between two positions in token order (full scans, token() ranges, paging
/// across partitions). A null bound is unbounded. <see cref="FirstPartitionFilter"/>, when set, replaces
/// <see cref="ReadCommand.Filter"/> for the first partition only (paging resumes inside it).
/// </summary>
public sealed record PartitionRangeReadCommand(
    Guid TableId, PartitionPosition? Start, PartitionPosition? End, ClusteringIndexFilter Filter, DataLimits Limits,
    int NowInSeconds, ClusteringIndexFilter? FirstPartitionFilter = null)
    : ReadCommand(TableId, Filter, Limits, NowInSeconds);
