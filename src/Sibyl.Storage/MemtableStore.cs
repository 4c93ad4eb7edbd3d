using System.Collections.Concurrent;
using Sibyl.Data.Model;
using Sibyl.Storage.Memtables;

namespace Sibyl.Storage;

/// <summary>
/// A replica store that keeps every table in memtables only: nothing survives a restart. It stands in
/// until the commit log and SSTables land, behind the same <see cref="IReplicaStore"/> seam.
/// </summary>
public sealed class MemtableStore : IReplicaStore
{
    private readonly ConcurrentDictionary<Guid, TableStore> _tables = new();

    private sealed class TableStore(ClusteringComparator comparator)
    {
        public ClusteringComparator Comparator { get; } = comparator;
        public volatile Memtable Current = new(comparator);
    }

    public void CreateTable(Guid tableId, ClusteringComparator comparator) =>
        _tables.TryAdd(tableId, new TableStore(comparator));

    public void DropTable(Guid tableId) => _tables.TryRemove(tableId, out _);

    public void Truncate(Guid tableId)
    {
        if (_tables.TryGetValue(tableId, out var table))
            table.Current = new Memtable(table.Comparator);
    }

    public ValueTask ApplyAsync(Mutation mutation, CancellationToken cancellationToken = default)
    {
        foreach (var update in mutation.Updates)
        {
            if (!_tables.TryGetValue(update.TableId, out var table))
                throw new InvalidOperationException($"Unknown table id {update.TableId}");
            table.Current.Apply(update);
        }
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<PartitionData> Read(ReadCommand command, Tables.ReadMetrics? metrics = null) =>
        _tables.TryGetValue(command.TableId, out var table) ? table.Current.Read(command) : [];

    /// <summary>Bytes held in memtables, for nodetool info's Load.</summary>
    public long LiveDataSize()
    {
        long total = 0;
        foreach (var table in _tables.Values) total += table.Current.LiveDataSize;
        return total;
    }
}
