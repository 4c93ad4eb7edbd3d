using Sibyl.Data.Model;
using Sibyl.Schema;
using Sibyl.Schema.SystemTables;
using Sibyl.Storage;
using Sibyl.Storage.Memtables;

namespace Sibyl.Replica;

/// <summary>
/// The replica side of this node: applies mutations to local storage and serves reads, including the
/// node's own system tables, whose rows are generated from live state on each read.
/// </summary>
public sealed class LocalReplica
{
    private readonly IReplicaStore _store;
    private readonly SchemaManager _schema;
    private readonly Func<LocalNodeInfo> _nodeInfo;

    public LocalReplica(IReplicaStore store, SchemaManager schema, Func<LocalNodeInfo> nodeInfo, Action<string>? log = null)
    {
        _store = store;
        _schema = schema;
        _nodeInfo = nodeInfo;
        Indexes = new Indexes.SecondaryIndexManager(store, schema, log);
        Views = new Views.ViewMaintenance(store, schema, (m, ct) => Indexes.ApplyAsync(m, ct), log, () => _nodeInfo().HostId);
        Paxos = new Paxos.PaxosAcceptor(store, mutation => Views.ApplyAsync(mutation, CancellationToken.None));
        Counters = new Counters.CounterLeader(store, () => _nodeInfo().HostId);
    }

    /// <summary>This replica as the leader of counter updates (its host id is its counter id).</summary>
    public Counters.CounterLeader Counters { get; }

    /// <summary>This replica's Paxos acceptor (lightweight transactions).</summary>
    public Paxos.PaxosAcceptor Paxos { get; }

    /// <summary>This replica's secondary indexes: written with every base write, read by index queries.</summary>
    public Indexes.SecondaryIndexManager Indexes { get; }

    /// <summary>This replica's materialized views: updated with every write to their base tables.</summary>
    public Views.ViewMaintenance Views { get; }

    public ValueTask ApplyAsync(Mutation mutation, CancellationToken cancellationToken) => Views.ApplyAsync(mutation, cancellationToken);

    public IReadOnlyList<PartitionData> Read(ReadCommand command, Storage.Tables.ReadMetrics? metrics = null)
    {
        var schema = _schema.Current;
        var table = schema.GetTable(command.TableId);
        if (table is not null && SystemRows.IsGenerated(table))
        {
            // System tables are small: materialise them in a throw-away memtable and read through it, so
            // WHERE, LIMIT and paging behave exactly as on user tables.
            var memtable = new Memtable(table.Comparator);
            foreach (var update in SystemRows.Build(table, schema, _nodeInfo()))
                memtable.Apply(update);
            return memtable.Read(command);
        }
        if (command is IndexReadCommand indexed) return Indexes.Searcher.Read(indexed);
        if (table is { DroppedColumns.Count: > 0 }) return ReadFilteringDroppedColumns(table, command, metrics);
        return _store.Read(command, metrics);
    }

    // Its own method: the lambda's captured state would otherwise be allocated on every read of Read's caller.
    private IReadOnlyList<PartitionData> ReadFilteringDroppedColumns(TableMetadata table, ReadCommand command, Storage.Tables.ReadMetrics? metrics) =>
        DroppedColumnFilter.Read(table, command, c => _store.Read(c, metrics));

    public void Truncate(Guid tableId)
    {
        _store.Truncate(tableId);
        Indexes.Truncate(tableId);
        Views.TruncateViews(tableId);
    }
}
