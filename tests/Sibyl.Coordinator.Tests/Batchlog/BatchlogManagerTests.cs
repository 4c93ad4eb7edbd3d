using Sibyl.Coordinator.Tests.Views;
using Sibyl.Data.Model;
using Sibyl.Data.Types;

namespace Sibyl.Coordinator.Tests.Batchlog;

/// <summary>The batch log on memtables: logged multi-partition batches leave no entry; a stored entry replays whole.</summary>
public class BatchlogManagerTests
{
    private readonly CqlTestNode _node = new();

    private int BatchlogEntries() => _node.Rows("SELECT id FROM system.batches").Count;

    [Fact]
    public void LoggedBatchAcrossPartitionsAppliesAndRemovesItsEntry()
    {
        _node.Run("CREATE TABLE t (k int PRIMARY KEY, v int)");
        _node.Run("BEGIN BATCH INSERT INTO t (k, v) VALUES (1, 1); INSERT INTO t (k, v) VALUES (2, 2); APPLY BATCH");
        Assert.Equal(2, _node.Ints("SELECT k FROM t").Count);
        Assert.Equal(0, BatchlogEntries());
    }

    [Fact]
    public async Task StoredEntryIsReplayedWholeThenRemoved()
    {
        _node.Run("CREATE TABLE t (k int PRIMARY KEY, v int)");
        var table = _node.Schema.Current.GetTable("ks", "t")!;
        var mutations = new List<Mutation>();
        for (int k = 0; k < 3; k++)
        {
            var m = new Mutation("ks", PartitionKeys.Decorate([CqlType.Int.Decompose(k)!]));
            m.GetOrAdd(table.Id).Add(Row.Create(Clustering.Empty, new LivenessInfo(100, LivenessInfo.NoTtl, LivenessInfo.NoExpiration),
                DeletionTime.Live, [Cell.Live("v", CqlType.Int.Decompose(k * 10)!, 100)]));
            mutations.Add(m);
        }
        // A coordinator that died after the log write: the entry exists, the data does not.
        await _node.Proxy.Batchlog.StoreAsync(mutations, CancellationToken.None);
        Assert.Equal(1, BatchlogEntries());
        Assert.Empty(_node.Ints("SELECT k FROM t"));

        // Entries newer than the cut-off are left to their coordinator.
        Assert.Equal(0, await _node.Proxy.Batchlog.ReplayAsync(0, CancellationToken.None));
        Assert.Equal(1, await _node.Proxy.Batchlog.ReplayAsync(long.MaxValue, CancellationToken.None));
        Assert.Equal([0, 10, 20], _node.Ints("SELECT v FROM t").Select(r => r[0]).Order());
        Assert.Equal(0, BatchlogEntries());
    }

    [Fact]
    public async Task UnreadableEntryIsLeftUnappliedAndOthersStillReplay()
    {
        _node.Run("CREATE TABLE t (k int PRIMARY KEY, v int)");
        var id = Sibyl.Cql.Functions.TimeUuid.Create(1_000);
        var bad = new Mutation("system", PartitionKeys.Decorate([id]));
        bad.GetOrAdd(Sibyl.Schema.SystemTables.SystemKeyspaces.Batches.Id).Add(Row.Create(Clustering.Empty,
            new LivenessInfo(1_000, LivenessInfo.NoTtl, LivenessInfo.NoExpiration), DeletionTime.Live,
            [Cell.Live("mutations", [0xFF, 0x01], 1_000, Sibyl.Cql.Functions.TimeUuid.Create(1_000))]));
        await _node.Replica.ApplyAsync(bad, CancellationToken.None);
        _node.Run("BEGIN BATCH INSERT INTO t (k, v) VALUES (1, 1); INSERT INTO t (k, v) VALUES (2, 2); APPLY BATCH");

        Assert.Equal(0, await _node.Proxy.Batchlog.ReplayAsync(long.MaxValue, CancellationToken.None));
        Assert.Equal(1, BatchlogEntries());
    }

    [Fact]
    public async Task EntriesForDroppedTablesAreSkipped()
    {
        _node.Run("CREATE TABLE gone (k int PRIMARY KEY, v int)");
        var table = _node.Schema.Current.GetTable("ks", "gone")!;
        var m = new Mutation("ks", PartitionKeys.Decorate([CqlType.Int.Decompose(1)!]));
        m.GetOrAdd(table.Id).Add(Row.Create(Clustering.Empty, new LivenessInfo(100, LivenessInfo.NoTtl, LivenessInfo.NoExpiration), DeletionTime.Live, []));
        await _node.Proxy.Batchlog.StoreAsync([m, m], CancellationToken.None);
        _node.Run("DROP TABLE gone");
        Assert.Equal(1, await _node.Proxy.Batchlog.ReplayAsync(long.MaxValue, CancellationToken.None));
        Assert.Equal(0, BatchlogEntries());
    }
}
