using Sibyl.Data.Model;

namespace Sibyl.Storage.SSTables;

/// <summary>What precedes the rows of a partition in the data file.</summary>
internal sealed record PartitionHeader(byte[] Key, DeletionTime Deletion, IReadOnlyList<RangeTombstone> RangeTombstones, Row? StaticRow);

