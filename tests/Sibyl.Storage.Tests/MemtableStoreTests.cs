using Sibyl.Data.Model;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests;

/// <summary>The IReplicaStore seam over memtables: table lifecycle, mutations across tables, truncation.</summary>
public class MemtableStoreTests
{
    private static readonly Guid Other = new("00000000-0000-0000-0000-0000000000bb");

    [Fact]
    public async Task UnknownTableIsRefusedOnWriteAndEmptyOnRead()
    {
        var store = new MemtableStore();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.ApplyAsync(MutationOf(UpdateOf(1, Insert(Ck(1), 1, 1)))));
        Assert.Empty(store.Read(ReadPartition(1)));
    }

    [Fact]
    public async Task MutationAppliesToEveryTableItTouches()
    {
        var store = new MemtableStore();
        store.CreateTable(TableId, Comparator(false));
        store.CreateTable(Other, Comparator(false));
        var mutation = MutationOf(UpdateOf(1, Insert(Ck(1), 1, 1)));
        mutation.GetOrAdd(Other).Add(Insert(Ck(2), 2, 1));
        await store.ApplyAsync(mutation);

        Assert.Equal([1], FirstClusterings(Assert.Single(store.Read(ReadPartition(1)))));
        var other = new SinglePartitionReadCommand(Other, Key(1), ClusteringIndexFilter.All, DataLimits.None, Now);
        Assert.Equal([2], FirstClusterings(Assert.Single(store.Read(other))));
        Assert.True(store.LiveDataSize() > 0);
    }

    [Fact]
    public async Task CreateTableIsIdempotentAndKeepsData()
    {
        var store = new MemtableStore();
        store.CreateTable(TableId, Comparator(false));
        await store.ApplyAsync(MutationOf(UpdateOf(1, Insert(Ck(1), 1, 1))));
        store.CreateTable(TableId, Comparator(false));
        Assert.Single(store.Read(ReadPartition(1)));
    }

    [Fact]
    public async Task TruncateEmptiesAndDropForgets()
    {
        var store = new MemtableStore();
        store.CreateTable(TableId, Comparator(false));
        await store.ApplyAsync(MutationOf(UpdateOf(1, Insert(Ck(1), 1, 1))));
        store.Truncate(TableId);
        Assert.Empty(store.Read(ReadPartition(1)));
        Assert.Equal(0, store.LiveDataSize());

        await store.ApplyAsync(MutationOf(UpdateOf(1, Insert(Ck(1), 1, 1))));
        store.DropTable(TableId);
        Assert.Empty(store.Read(ReadPartition(1)));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.ApplyAsync(MutationOf(UpdateOf(1, Insert(Ck(1), 1, 1)))));
    }
}
