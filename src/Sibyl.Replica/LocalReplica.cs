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

    public LocalReplica(IReplicaStore store, SchemaManager schema, Func<LocalNodeInfo> nodeInfo)
    {
        _store = store;
        _schema = schema;
        _nodeInfo = nodeInfo;
        Paxos = new Paxos.PaxosAcceptor(store, mutation => store.ApplyAsync(mutation));
    }

    /// <summary>This replica's Paxos acceptor (lightweight transactions).</summary>
    public Paxos.PaxosAcceptor Paxos { get; }

    public ValueTask ApplyAsync(Mutation mutation, CancellationToken cancellationToken) => _store.ApplyAsync(mutation, cancellationToken);

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
        return _store.Read(command, metrics);
    }

    public void Truncate(Guid tableId) => _store.Truncate(tableId);
}
