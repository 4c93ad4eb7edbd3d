using Sibyl.Data.Partitioning;

namespace Sibyl.Data.Model;

/// <summary>All changes to one partition key of one keyspace, across that keyspace's tables: the unit the
/// commit log records and a replica applies atomically.</summary>
public sealed class Mutation
{
    private readonly Dictionary<Guid, PartitionUpdate> _updates = [];

    public Mutation(string keyspace, DecoratedKey key)
    {
        Keyspace = keyspace;
        Key = key;
    }

    public string Keyspace { get; }
    public DecoratedKey Key { get; }
    /// <summary>The concrete value collection, so a foreach over it uses its struct enumerator (no allocation).</summary>
    public Dictionary<Guid, PartitionUpdate>.ValueCollection Updates => _updates.Values;

    public PartitionUpdate GetOrAdd(Guid tableId)
    {
        if (!_updates.TryGetValue(tableId, out var update))
            _updates[tableId] = update = new PartitionUpdate(tableId, Key);
        return update;
    }
}
