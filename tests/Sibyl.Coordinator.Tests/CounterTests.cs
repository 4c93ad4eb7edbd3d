using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Cluster;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Protocol;
using Sibyl.Replica;
using Sibyl.Replica.Counters;
using Sibyl.Schema;
using Sibyl.Schema.SystemTables;
using Sibyl.Storage;

namespace Sibyl.Coordinator.Tests;

/// <summary>Counters end to end on memtables: statements, the coordinator entry and the leader's apply.</summary>
public class CounterTests
{
    private readonly CqlTestNode _node = new();

    private ResultMessage Run(string cql, QueryOptions? options = null) => _node.Run(cql, options);

    private IReadOnlyList<byte[]?[]> Rows(string cql) => _node.Rows(cql);

    private static long? Long(byte[]? value) => value is null ? null : (long)CqlType.BigInt.Compose(value)!;

    private string Error(string cql) => _node.Error(cql);

    [Fact]
    public void IncrementsAndDecrementsAddUp()
    {
        Run("CREATE TABLE c (k int PRIMARY KEY, a counter, b counter)");
        Run("UPDATE c SET a = a + 5 WHERE k = 1");
        Run("UPDATE c SET a = a - 2, b = b + 1 WHERE k = 1");
        Run("UPDATE c SET a += 10 WHERE k = 1");
        Run("UPDATE c SET b -= 4 WHERE k = 1");
        Run("UPDATE c SET a = a + -3 WHERE k = 1");
        var row = Assert.Single(Rows("SELECT a, b FROM c WHERE k = 1"));
        Assert.Equal(10, Long(row[0]));
        Assert.Equal(-3, Long(row[1]));
        Assert.Single(Rows("SELECT k FROM c WHERE a = 10 ALLOW FILTERING"));
        Assert.Empty(Rows("SELECT * FROM c WHERE a > 10 ALLOW FILTERING"));
    }

    [Fact]
    public void CounterBatchSumsRepeatedIncrementsOfOneRow()
    {
        Run("CREATE TABLE b (k int, c int, n counter, PRIMARY KEY (k, c))");
        Run("BEGIN COUNTER BATCH UPDATE b SET n = n + 1 WHERE k = 1 AND c = 1; UPDATE b SET n = n + 2 WHERE k = 1 AND c = 1; "
            + "UPDATE b SET n = n + 4 WHERE k = 1 AND c = 2; UPDATE b SET n = n + 8 WHERE k = 2 AND c = 1; APPLY BATCH");
        Run("BEGIN UNLOGGED BATCH UPDATE b SET n = n + 1 WHERE k = 1 AND c = 1; APPLY BATCH");
        Assert.Equal([4L, 4L], Rows("SELECT n FROM b WHERE k = 1").Select(r => Long(r[0])!.Value));
        Assert.Equal(8, Long(Assert.Single(Rows("SELECT n FROM b WHERE k = 2"))[0]));
    }

    [Fact]
    public void StaticCountersLiveInTheStaticRow()
    {
        Run("CREATE TABLE s (k int, c int, s counter static, n counter, PRIMARY KEY (k, c))");
        Run("UPDATE s SET s = s + 3 WHERE k = 1");
        Run("UPDATE s SET s = s + 1, n = n + 2 WHERE k = 1 AND c = 1");
        var row = Assert.Single(Rows("SELECT s, n FROM s WHERE k = 1"));
        Assert.Equal(4, Long(row[0]));
        Assert.Equal(2, Long(row[1]));
    }

    [Fact]
    public void DeletedCountersDisappearAndARowDeletionAllowsAFreshStart()
    {
        Run("CREATE TABLE d (k int, c int, n counter, m counter, PRIMARY KEY (k, c))");
        Run("UPDATE d SET n = n + 5, m = m + 1 WHERE k = 1 AND c = 1");
        Run("DELETE m FROM d WHERE k = 1 AND c = 1");
        var row = Assert.Single(Rows("SELECT n, m FROM d WHERE k = 1 AND c = 1"));
        Assert.Equal(5, Long(row[0]));
        Assert.Null(row[1]);
        Run("DELETE FROM d WHERE k = 1");
        Assert.Empty(Rows("SELECT n FROM d WHERE k = 1"));
        Thread.Sleep(2); // a later timestamp than the deletion
        Run("UPDATE d SET n = n + 2 WHERE k = 1 AND c = 1");
        Assert.Equal(2, Long(Assert.Single(Rows("SELECT n FROM d WHERE k = 1"))[0]));
    }

    [Fact]
    public void RefusesWhatCassandraRefuses()
    {
        Run("CREATE TABLE e (k int PRIMARY KEY, n counter)");
        Run("CREATE TABLE plain (k int PRIMARY KEY, v int)");
        Assert.Equal("INSERT statements are not allowed on counter tables, use UPDATE instead", Error("INSERT INTO e (k, n) VALUES (1, 1)"));
        Assert.Equal("Cannot provide custom timestamp for counter updates", Error("UPDATE e USING TIMESTAMP 5 SET n = n + 1 WHERE k = 1"));
        Assert.Equal("Cannot provide custom TTL for counter updates", Error("UPDATE e USING TTL 5 SET n = n + 1 WHERE k = 1"));
        Assert.Equal("Invalid null value for counter increment/decrement", Error("UPDATE e SET n = n + null WHERE k = 1"));
        Assert.StartsWith("Cannot set the value of counter column n", Error("UPDATE e SET n = 3 WHERE k = 1"));
        Assert.Equal("Invalid operation (v = v + 1) for non counter column v", Error("UPDATE plain SET v = v + 1 WHERE k = 1"));
        Assert.Equal("Cannot include a counter statement in a logged batch", Error("BEGIN BATCH UPDATE e SET n = n + 1 WHERE k = 1; APPLY BATCH"));
        Assert.Equal("Cannot include non-counter statement in a counter batch", Error("BEGIN COUNTER BATCH UPDATE plain SET v = 1 WHERE k = 1; APPLY BATCH"));
        Assert.Equal("Counter and non-counter mutations cannot exist in the same batch",
            Error("BEGIN UNLOGGED BATCH UPDATE plain SET v = 1 WHERE k = 1; UPDATE e SET n = n + 1 WHERE k = 1; APPLY BATCH"));
        Assert.Equal("Cannot provide custom timestamp for counter BATCH",
            Error("BEGIN COUNTER BATCH USING TIMESTAMP 3 UPDATE e SET n = n + 1 WHERE k = 1; APPLY BATCH"));
        Assert.Equal("Consistency level ANY is not yet supported for counter table e",
            Error2("UPDATE e SET n = n + 1 WHERE k = 1", new QueryOptions { Consistency = ConsistencyLevel.Any }));
        Assert.Empty(Rows("SELECT * FROM e"));
    }

    private string Error2(string cql, QueryOptions options) => _node.Error(cql, options);

    [Fact]
    public void TheLeaderWritesItsOwnShardWithARisingClock()
    {
        Run("CREATE TABLE l (k int PRIMARY KEY, n counter)");
        Run("UPDATE l SET n = n + 1 WHERE k = 7");
        var first = StoredCell("l", 7);
        Run("UPDATE l SET n = n + 1 WHERE k = 7");
        var second = StoredCell("l", 7);
        var a = CounterContext.FindShard(first.Value, _node.HostId)!.Value;
        var b = CounterContext.FindShard(second.Value, _node.HostId)!.Value;
        Assert.Equal(1, CounterContext.ShardCount(second.Value));
        Assert.True(b.Clock > a.Clock);
        Assert.Equal(2, b.Count);
    }

    [Fact]
    public async Task ConcurrentIncrementsAreNeverLost()
    {
        Run("CREATE TABLE p (k int PRIMARY KEY, n counter)");
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var client = new ClientState(null, ProtocolVersions.V4);
            for (int i = 0; i < 100; i++)
                await _node.Processor.QueryAsync(new QueryMessage($"UPDATE ks.p SET n = n + 1 WHERE k = {i % 3}", QueryOptions.Default), client, CancellationToken.None);
        }));
        await Task.WhenAll(writers);
        Assert.Equal(800, Rows("SELECT n FROM p").Sum(r => Long(r[0])!.Value));
    }

    private Cell StoredCell(string table, int key)
    {
        var metadata = _node.Schema.Current.GetKeyspace("ks")!.GetTable(table)!;
        var pk = CqlType.Int.Decompose(key)!;
        var read = new SinglePartitionReadCommand(metadata.Id, new DecoratedKey(Murmur3Partitioner.GetToken(pk), pk),
            ClusteringIndexFilter.All, DataLimits.None, (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return Assert.Single(Assert.Single(_node.Store.Read(read)).Rows).GetCell("n")!;
    }
}
