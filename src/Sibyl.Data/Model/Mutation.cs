using Sibyl.Data.Partitioning;

namespace Sibyl.Data.Model;

/// <summary>All changes to one partition key of one keyspace, across that keyspace's tables: the unit the
/// commit log records and a replica applies atomically.</summary>
public sealed class Mutation
{
    // Nearly every mutation touches one table (two or three with indexes and views): a small array searched
    // linearly costs less than a dictionary on the write path.
    private PartitionUpdate[] _updates = new PartitionUpdate[1];
    private int _count;

    public Mutation(string keyspace, DecoratedKey key)
    {
        Keyspace = keyspace;
        Key = key;
    }

    public string Keyspace { get; }
    public DecoratedKey Key { get; }

    /// <summary>The updates in the order their tables were first added; a foreach over them does not allocate.</summary>
    public PartitionUpdateCollection Updates => new(_updates, _count);

    public PartitionUpdate GetOrAdd(Guid tableId)
    {
        for (int i = 0; i < _count; i++)
            if (_updates[i].TableId == tableId) return _updates[i];
        if (_count == _updates.Length) Array.Resize(ref _updates, _count * 2);
        return _updates[_count++] = new PartitionUpdate(tableId, Key);
    }
}
