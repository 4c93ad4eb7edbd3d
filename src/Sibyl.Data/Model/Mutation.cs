using Sibyl.Data.Partitioning;

namespace Sibyl.Data.Model;

/// <summary>All changes to one partition key of one keyspace, across that keyspace's tables: the unit the
/// commit log records and a replica applies atomically.</summary>
public sealed class Mutation
{
    // Nearly every mutation touches one table (two or three with indexes and views): a few items searched
    // linearly cost less than a dictionary on the write path, and a lone one needs no array.
    private ItemsBuilder<PartitionUpdate> _updates;

    public Mutation(string keyspace, DecoratedKey key)
    {
        Keyspace = keyspace;
        Key = key;
    }

    public string Keyspace { get; }
    public DecoratedKey Key { get; }

    /// <summary>The updates in the order their tables were first added; a foreach over them does not allocate.</summary>
    public ReadOnlyItems<PartitionUpdate> Updates => _updates.View;

    public PartitionUpdate GetOrAdd(Guid tableId)
    {
        var updates = _updates.View;
        for (int i = 0; i < updates.Count; i++)
            if (updates[i].TableId == tableId) return updates[i];
        var update = new PartitionUpdate(tableId, Key);
        _updates.Add(update);
        return update;
    }
}
