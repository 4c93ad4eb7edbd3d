using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.Tables;

/// <summary>
/// One source's version of a partition before merging (Cassandra's UnfilteredRowIterator): its deletions and
/// rows exactly as stored, nothing shadowed or dropped. Memtables and SSTables both produce these; reads,
/// flushes and compactions consume them.
/// </summary>
public interface IUnfilteredPartition
{
    DecoratedKey Key { get; }

    DeletionTime PartitionDeletion { get; }

    IReadOnlyList<RangeTombstone> RangeTombstones { get; }

    Row? StaticRow { get; }

    /// <summary>The stored rows whose clustering lies in <paramref name="slice"/>, in clustering order or reversed.</summary>
    IEnumerable<Row> Rows(Slice slice, bool reversed);
}
