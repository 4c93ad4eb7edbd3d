using Sibyl.Data.Partitioning;

namespace Sibyl.Data.Model;

/// <summary>
/// One partition as a read returns it: rows in the order the read asked for, already reconciled and with
/// everything shadowed by partition and range deletions removed. Rows may still hold dead cells; readers
/// check liveness with the read's nowInSeconds.
/// </summary>
public sealed record PartitionData(DecoratedKey Key, DeletionTime PartitionDeletion, Row? StaticRow, IReadOnlyList<Row> Rows);
