using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Coordinator;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Protocol;
using Sibyl.Schema;

namespace Sibyl.Coordinator.Tests;

/// <summary>The whole request path below the server: CQL text in, protocol results out, on memtables.</summary>
public class QueryProcessorTests
{
    private readonly CqlTestNode _node = new();

    private ResultMessage Run(string cql, QueryOptions? options = null) => _node.Run(cql, options);

    private IReadOnlyList<byte[]?[]> Rows(string cql) => ((RowsResultMessage)Run(cql)).Rows;

    private static int Int(byte[]? value) => (int)CqlType.Int.Compose(value)!;

    [Fact]
    public void InsertThenSelectByKeyAndSlice()
    {
        Run("CREATE TABLE t (k int, c int, v text, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c DESC)");
        for (int c = 0; c < 5; c++) Run($"INSERT INTO t (k, c, v) VALUES (1, {c}, 'v{c}')");
        var rows = Rows("SELECT c, v FROM t WHERE k = 1");
        Assert.Equal([4, 3, 2, 1, 0], rows.Select(r => Int(r[0])));
        rows = Rows("SELECT c FROM t WHERE k = 1 AND c > 1 AND c <= 3");
        Assert.Equal([3, 2], rows.Select(r => Int(r[0])));
        rows = Rows("SELECT c FROM t WHERE k = 1 ORDER BY c ASC LIMIT 2");
        Assert.Equal([0, 1], rows.Select(r => Int(r[0])));
    }

    [Fact]
    public void DeletesHideRowsAndColumns()
    {
        Run("CREATE TABLE d (k int, c int, v int, w int, PRIMARY KEY (k, c))");
        for (int c = 0; c < 4; c++) Run($"INSERT INTO d (k, c, v, w) VALUES (1, {c}, {c}, {c})");
        Run("DELETE FROM d WHERE k = 1 AND c = 0");
        Run("DELETE w FROM d WHERE k = 1 AND c = 1");
        Run("DELETE FROM d WHERE k = 1 AND c >= 3");
        var rows = Rows("SELECT c, w FROM d WHERE k = 1");
        Assert.Equal([1, 2], rows.Select(r => Int(r[0])));
        Assert.Null(rows[0][1]);
        Run("DELETE FROM d WHERE k = 1");
        Assert.Empty(Rows("SELECT * FROM d WHERE k = 1"));
    }

    [Fact]
    public void PagingVisitsEveryRowOnceAcrossPartitions()
    {
        Run("CREATE TABLE p (k int, c int, PRIMARY KEY (k, c))");
        for (int k = 0; k < 7; k++)
            for (int c = 0; c < 9; c++) Run($"INSERT INTO p (k, c) VALUES ({k}, {c})");
        var expected = Rows("SELECT k, c FROM p").Select(r => (Int(r[0]), Int(r[1]))).ToList();
        Assert.Equal(63, expected.Count);
        foreach (int pageSize in new[] { 1, 4, 9, 10, 62, 63, 100 })
        {
            var seen = new List<(int, int)>();
            byte[]? state = null;
            do
            {
                var result = (RowsResultMessage)Run("SELECT k, c FROM p", new QueryOptions { PageSize = pageSize, PagingState = state });
                Assert.True(result.Rows.Count <= pageSize);
                seen.AddRange(result.Rows.Select(r => (Int(r[0]), Int(r[1]))));
                state = result.Metadata.PagingState;
            } while (state is not null);
            Assert.Equal(expected, seen);
        }
    }

    [Fact]
    public void CountAndTokenFunctions()
    {
        Run("CREATE TABLE c (k int PRIMARY KEY, v int)");
        for (int k = 0; k < 10; k++) Run($"INSERT INTO c (k, v) VALUES ({k}, {k})");
        Assert.Equal(10L, CqlType.BigInt.Compose(Rows("SELECT count(*) FROM c")[0][0]));
        // Cassandra's token of int 1.
        Assert.Equal(-4069959284402364209L, CqlType.BigInt.Compose(Rows("SELECT token(k) FROM c WHERE k = 1")[0][0]));
    }

    [Fact]
    public void RestrictionErrorsUseCassandrasMessages()
    {
        Run("CREATE TABLE r (a int, b int, c int, d int, v int, PRIMARY KEY ((a, b), c, d))");
        var e = Assert.Throws<InvalidRequestException>(() => Run("SELECT * FROM r WHERE v = 1"));
        Assert.Contains("ALLOW FILTERING", e.Message);
        e = Assert.Throws<InvalidRequestException>(() => Run("SELECT * FROM r WHERE a = 1 AND b = 1 AND d = 1"));
        Assert.Equal("PRIMARY KEY column \"d\" cannot be restricted as preceding column \"c\" is not restricted", e.Message);
        e = Assert.Throws<InvalidRequestException>(() => Run("INSERT INTO r (a, c, d) VALUES (1, 1, 1)"));
        Assert.Equal("Some partition key parts are missing: b", e.Message);
        e = Assert.Throws<InvalidRequestException>(() => Run("UPDATE r SET v = 1 WHERE a = 1 AND b = 1 AND c = 1"));
        Assert.Equal("Some clustering keys are missing: d", e.Message);
        e = Assert.Throws<InvalidRequestException>(() => Run("INSERT INTO r (a, b, c, d, v) VALUES (1, 1, 1, 1, 'x')"));
        Assert.Equal("Invalid STRING constant (x) for \"v\" of type int", e.Message);
        Assert.Throws<SyntaxException>(() => Run("SELEKT * FROM r"));
        Assert.Throws<AlreadyExistsException>(() => Run("CREATE TABLE r (k int PRIMARY KEY)"));
        e = Assert.Throws<InvalidRequestException>(() => Run("SELECT * FROM nope"));
        Assert.Equal("table nope does not exist", e.Message);
    }

    [Fact]
    public void FilteringWithAllowFiltering()
    {
        Run("CREATE TABLE f (k int, c int, v int, PRIMARY KEY (k, c))");
        for (int k = 0; k < 3; k++)
            for (int c = 0; c < 3; c++) Run($"INSERT INTO f (k, c, v) VALUES ({k}, {c}, {k * 10 + c})");
        var rows = Rows("SELECT v FROM f WHERE v > 11 AND c = 2 ALLOW FILTERING");
        Assert.Equal([12, 22], rows.Select(r => Int(r[0])).Order());
    }

    [Fact]
    public void UnknownPreparedIdIsUnprepared()
    {
        var e = Assert.ThrowsAny<UnpreparedException>(() =>
            _node.Processor.ExecuteAsync(new ExecuteMessage(new byte[16], QueryOptions.Default), new ClientState(null, ProtocolVersions.V4), CancellationToken.None).AsTask().GetAwaiter().GetResult());
        Assert.Equal(ErrorCode.Unprepared, e.Code);
    }
}
