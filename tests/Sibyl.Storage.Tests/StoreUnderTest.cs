using Sibyl.Data.Model;
using Sibyl.Storage.Memtables;

namespace Sibyl.Storage.Tests;

/// <summary>
/// What the read/write conformance tests drive: anything that applies partition updates and answers reads.
/// Each suite runs once per implementation (memtable alone, the IReplicaStore over memtables; an SSTable-backed
/// store joins by adding one subclass per suite), so every engine must return identical results.
/// </summary>
public interface IStoreUnderTest
{
    void Apply(PartitionUpdate update);

    IReadOnlyList<PartitionData> Read(ReadCommand command);
}

internal sealed class MemtableUnderTest(ClusteringComparator comparator) : IStoreUnderTest
{
    private readonly Memtable _memtable = new(comparator);

    public void Apply(PartitionUpdate update) => _memtable.Apply(update);

    public IReadOnlyList<PartitionData> Read(ReadCommand command) => _memtable.Read(command);
}

/// <summary>Drives any <see cref="IReplicaStore"/> through mutations, as a replica would.</summary>
internal sealed class ReplicaStoreUnderTest : IStoreUnderTest
{
    private readonly IReplicaStore _store;

    public ReplicaStoreUnderTest(IReplicaStore store, ClusteringComparator comparator)
    {
        _store = store;
        _store.CreateTable(TestData.TableId, comparator);
    }

    public void Apply(PartitionUpdate update)
    {
        var pending = _store.ApplyAsync(TestData.MutationOf(update));
        if (!pending.IsCompletedSuccessfully) pending.AsTask().GetAwaiter().GetResult();
    }

    public IReadOnlyList<PartitionData> Read(ReadCommand command) => _store.Read(command);
}
