using Sibyl.Cql.Syntax;
using static Sibyl.Cql.Tests.Syntax.ParserTestHelpers;

namespace Sibyl.Cql.Tests.Syntax;

public class ModificationTests
{
    [Theory]
    [InlineData("INSERT INTO t (k, v) VALUES (1, 'a')", "INSERT INTO t (k, v) VALUES (1, 'a')")]
    [InlineData("insert into ks.t (k, v) values (?, ?) if not exists", "INSERT INTO ks.t (k, v) VALUES (?, ?) IF NOT EXISTS")]
    [InlineData("INSERT INTO t (k) VALUES (1) USING TTL 10", "INSERT INTO t (k) VALUES (1) USING TTL 10")]
    [InlineData("INSERT INTO t (k) VALUES (1) USING TIMESTAMP 123 AND TTL ?", "INSERT INTO t (k) VALUES (1) USING TTL ? AND TIMESTAMP 123")]
    [InlineData("INSERT INTO t (k) VALUES (1) IF NOT EXISTS USING TTL :ttl", "INSERT INTO t (k) VALUES (1) IF NOT EXISTS USING TTL :ttl")]
    [InlineData("INSERT INTO t (key, value, ttl, timestamp) VALUES (1, [1], {1}, {'a': 1})", "INSERT INTO t (key, value, ttl, timestamp) VALUES (1, [1], {1}, {'a': 1})")]
    [InlineData("INSERT INTO t (k, u) VALUES (1, {street: 'x', city: 'y'})", "INSERT INTO t (k, u) VALUES (1, {street: 'x', city: 'y'})")]
    [InlineData("INSERT INTO t (k, tup) VALUES (1, (1, 'a'))", "INSERT INTO t (k, tup) VALUES (1, (1, 'a'))")]
    [InlineData("INSERT INTO t (k, v) VALUES (now(), blobAsBigint(0x01))", "INSERT INTO t (k, v) VALUES (now(), blobasbigint(0x01))")]
    [InlineData("INSERT INTO t JSON '{\"k\": 1}'", "INSERT INTO t JSON '{\"k\": 1}'")]
    [InlineData("INSERT INTO t JSON ? DEFAULT UNSET", "INSERT INTO t JSON ? DEFAULT UNSET")]
    [InlineData("INSERT INTO t JSON :j DEFAULT NULL IF NOT EXISTS USING TTL 5", "INSERT INTO t JSON :j IF NOT EXISTS USING TTL 5")]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1", "UPDATE t SET v = 1 WHERE k = 1")]
    [InlineData("UPDATE t USING TTL 5 AND TIMESTAMP 7 SET v = ? WHERE k = ?", "UPDATE t USING TTL 5 AND TIMESTAMP 7 SET v = ? WHERE k = ?")]
    [InlineData("UPDATE t SET c = c + 1 WHERE k = 1", "UPDATE t SET c = c + 1 WHERE k = 1")]
    [InlineData("UPDATE t SET c = c - 1 WHERE k = 1", "UPDATE t SET c = c - 1 WHERE k = 1")]
    [InlineData("UPDATE t SET c = c -1 WHERE k = 1", "UPDATE t SET c = c + -1 WHERE k = 1")]
    [InlineData("UPDATE t SET c += 2, d -= 3 WHERE k = 1", "UPDATE t SET c = c + 2, d = d - 3 WHERE k = 1")]
    [InlineData("UPDATE t SET l = l + [1, 2] WHERE k = 1", "UPDATE t SET l = l + [1, 2] WHERE k = 1")]
    [InlineData("UPDATE t SET l = [0] + l WHERE k = 1", "UPDATE t SET l = [0] + l WHERE k = 1")]
    [InlineData("UPDATE t SET s = s - {'a'} WHERE k = 1", "UPDATE t SET s = s - {'a'} WHERE k = 1")]
    [InlineData("UPDATE t SET m = m + {'a': 1} WHERE k = 1", "UPDATE t SET m = m + {'a': 1} WHERE k = 1")]
    [InlineData("UPDATE t SET m['a'] = 1, l[0] = 'x' WHERE k = 1", "UPDATE t SET m['a'] = 1, l[0] = 'x' WHERE k = 1")]
    [InlineData("UPDATE t SET u.street = 'x', u.zip = 1 WHERE k = 1", "UPDATE t SET u.street = 'x', u.zip = 1 WHERE k = 1")]
    [InlineData("UPDATE t SET v = 1 + 2 WHERE k = 1", "UPDATE t SET v = 1 + 2 WHERE k = 1")]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1 IF EXISTS", "UPDATE t SET v = 1 WHERE k = 1 IF EXISTS")]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1 IF v = 0", "UPDATE t SET v = 1 WHERE k = 1 IF v = 0")]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1 IF v != 0 AND w < 3 AND x >= ?", "UPDATE t SET v = 1 WHERE k = 1 IF v != 0 AND w < 3 AND x >= ?")]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1 IF m['a'] = 1 AND u.f = 'x'", "UPDATE t SET v = 1 WHERE k = 1 IF m['a'] = 1 AND u.f = 'x'")]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1 IF v IN (1, 2) AND m['a'] IN ? AND u.f IN (null)", "UPDATE t SET v = 1 WHERE k = 1 IF v IN (1, 2) AND m['a'] IN ? AND u.f IN (null)")]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1 IF s CONTAINS 1 AND m CONTAINS KEY 'a'", "UPDATE t SET v = 1 WHERE k = 1 IF s CONTAINS 1 AND m CONTAINS KEY 'a'")]
    [InlineData("UPDATE t SET v = null WHERE k IN (1, 2) AND c = 3", "UPDATE t SET v = null WHERE k IN (1, 2) AND c = 3")]
    [InlineData("UPDATE t SET key = 1, value = 2 WHERE type = 3", "UPDATE t SET key = 1, value = 2 WHERE type = 3")]
    [InlineData("DELETE FROM t WHERE k = 1", "DELETE FROM t WHERE k = 1")]
    [InlineData("DELETE v, w FROM t WHERE k = 1", "DELETE v, w FROM t WHERE k = 1")]
    [InlineData("DELETE m['a'], l[0], u.f FROM t WHERE k = 1", "DELETE m['a'], l[0], u.f FROM t WHERE k = 1")]
    [InlineData("DELETE FROM t USING TIMESTAMP 5 WHERE k = 1", "DELETE FROM t USING TIMESTAMP 5 WHERE k = 1")]
    [InlineData("DELETE FROM t USING TIMESTAMP ? WHERE k = 1 IF EXISTS", "DELETE FROM t USING TIMESTAMP ? WHERE k = 1 IF EXISTS")]
    [InlineData("DELETE FROM t WHERE k = 1 AND c > 2 IF v = 1", "DELETE FROM t WHERE k = 1 AND c > 2 IF v = 1")]
    [InlineData("DELETE FROM t WHERE (c, d) > (1, 2) AND k = 1", "DELETE FROM t WHERE (c, d) > (1, 2) AND k = 1")]
    public void RoundTrips(string cql, string expected)
    {
        var statement = Assert.IsAssignableFrom<RawModificationStatement>(CqlParser.Parse(cql).Statement);
        Assert.Equal(expected, statement.ToCql());
        Assert.Equal(statement, CqlParser.Parse(statement.ToCql()).Statement);
    }

    [Fact]
    public void InsertTree()
    {
        var insert = Parse<RawInsertStatement>("INSERT INTO ks.t (k, \"V\") VALUES (1, ?) IF NOT EXISTS USING TTL 3");
        Assert.Equal(new RawInsertStatement(Q("ks", "t"), L("k", "V"), L<RawTerm>(Int(1), new RawBindMarker(0, null)), true, new RawAttributes(null, Int(3))), insert);
    }

    [Fact]
    public void InsertJsonTree()
    {
        var insert = Parse<RawInsertJsonStatement>("INSERT INTO t JSON '{}' DEFAULT UNSET");
        Assert.Equal(new RawInsertJsonStatement(Q("t"), Str("{}"), JsonDefault.Unset, false, RawAttributes.None), insert);
    }

    [Theory]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1", UpdateOperationKind.SetValue)]
    [InlineData("UPDATE t SET v = v + 1 WHERE k = 1", UpdateOperationKind.Addition)]
    [InlineData("UPDATE t SET v += 1 WHERE k = 1", UpdateOperationKind.Addition)]
    [InlineData("UPDATE t SET v = v -1 WHERE k = 1", UpdateOperationKind.Addition)]
    [InlineData("UPDATE t SET v = v - 1 WHERE k = 1", UpdateOperationKind.Subtraction)]
    [InlineData("UPDATE t SET v -= 1 WHERE k = 1", UpdateOperationKind.Subtraction)]
    [InlineData("UPDATE t SET v = [1] + v WHERE k = 1", UpdateOperationKind.Prepend)]
    [InlineData("UPDATE t SET v[1] = 1 WHERE k = 1", UpdateOperationKind.SetElement)]
    [InlineData("UPDATE t SET v.f = 1 WHERE k = 1", UpdateOperationKind.SetField)]
    public void UpdateOperationKinds(string cql, UpdateOperationKind kind)
    {
        var update = Parse<RawUpdateStatement>(cql);
        Assert.Equal(kind, Assert.Single(update.Operations).Kind);
        Assert.Equal("v", update.Operations[0].Column);
    }

    [Fact]
    public void UpdateTree()
    {
        var update = Parse<RawUpdateStatement>("UPDATE t USING TIMESTAMP 1 SET m['k'] = 'v', u.f = 2 WHERE k = 0 IF u.f = 1");
        var expected = new RawUpdateStatement(
            Q("t"),
            new RawAttributes(Int(1), null),
            L(new RawUpdateOperation("m", UpdateOperationKind.SetElement, Str("v"), Element: Str("k")),
              new RawUpdateOperation("u", UpdateOperationKind.SetField, Int(2), Field: "f")),
            L<RawRelation>(new SingleColumnRelation("k", RelationOperator.Eq, Int(0))),
            L(new RawColumnCondition("u", RelationOperator.Eq, Int(1), Field: "f")),
            IfExists: false);
        Assert.Equal(expected, update);
    }

    [Fact]
    public void DeleteTree()
    {
        var delete = Parse<RawDeleteStatement>("DELETE m['a'], v FROM t WHERE k = 1 IF EXISTS");
        var expected = new RawDeleteStatement(
            Q("t"),
            L(new RawDeletion("m", Element: Str("a")), new RawDeletion("v")),
            RawAttributes.None,
            L<RawRelation>(new SingleColumnRelation("k", RelationOperator.Eq, Int(1))),
            ValueList<RawColumnCondition>.Empty,
            IfExists: true);
        Assert.Equal(expected, delete);
    }

    [Theory]
    [InlineData("BEGIN BATCH INSERT INTO t (k) VALUES (1); UPDATE t SET v = 1 WHERE k = 1; DELETE FROM t WHERE k = 2; APPLY BATCH", BatchType.Logged, 3)]
    [InlineData("BEGIN UNLOGGED BATCH INSERT INTO t (k) VALUES (1) INSERT INTO t (k) VALUES (2) APPLY BATCH;", BatchType.Unlogged, 2)]
    [InlineData("BEGIN COUNTER BATCH UPDATE t SET c = c + 1 WHERE k = 1; APPLY BATCH", BatchType.Counter, 1)]
    [InlineData("BEGIN BATCH USING TIMESTAMP 5 APPLY BATCH", BatchType.Logged, 0)]
    public void Batches(string cql, BatchType type, int count)
    {
        var batch = Parse<RawBatchStatement>(cql);
        Assert.Equal(type, batch.Type);
        Assert.Equal(count, batch.Statements.Count);
        Assert.Equal(batch, Parse<RawBatchStatement>(batch.ToCql()));
    }

    [Fact]
    public void BatchAttributesAndMarkersNumberAcrossStatements()
    {
        var parsed = CqlParser.Parse("BEGIN BATCH USING TIMESTAMP ? INSERT INTO t (k, v) VALUES (?, :v); UPDATE t SET v = ? WHERE k = :k; APPLY BATCH");
        var batch = Assert.IsType<RawBatchStatement>(parsed.Statement);
        Assert.Equal(new RawBindMarker(0, null), batch.Attributes.Timestamp);
        var insert = Assert.IsType<RawInsertStatement>(batch.Statements[0]);
        Assert.Equal(L<RawTerm>(new RawBindMarker(1, null), new RawBindMarker(2, "v")), insert.Values);
        Assert.Equal(L<string?>(null, null, "v", null, "k"), parsed.BindVariables);
    }

    [Theory]
    [InlineData("UPDATE t SET v = w + 1 WHERE k = 1", "Only expressions of the form X = X +<value> are supported.")]
    [InlineData("UPDATE t SET v = w - 1 WHERE k = 1", "Only expressions of the form X = X -<value> are supported.")]
    [InlineData("UPDATE t SET v = [1] + w WHERE k = 1", "Only expressions of the form X = <value> + X are supported.")]
    [InlineData("UPDATE t SET v = 1, v = 2 WHERE k = 1", "Multiple incompatible setting of column v")]
    [InlineData("UPDATE t SET v = 1, v[0] = 2 WHERE k = 1", "Multiple incompatible setting of column v")]
    public void RefusesInvalidOperations(string cql, string message)
    {
        var ex = Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(cql));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void CompatibleOperationsOnOneColumnAreKept()
    {
        var update = Parse<RawUpdateStatement>("UPDATE t SET m['a'] = 1, m['b'] = 2, u.x = 1, u.y = 2 WHERE k = 1");
        Assert.Equal(4, update.Operations.Count);
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES (1)")]
    [InlineData("INSERT INTO t (k) VALUES ()")]
    [InlineData("INSERT INTO t (k) VALUE (1)")]
    [InlineData("INSERT INTO t (k) VALUES (1) USING TTL 'a'")]
    [InlineData("INSERT INTO t (k) VALUES (1) USING TTL 1.5")]
    [InlineData("INSERT INTO t JSON 1")]
    [InlineData("INSERT INTO t JSON '{}' DEFAULT 1")]
    [InlineData("UPDATE t SET v = 1")]
    [InlineData("UPDATE t v = 1 WHERE k = 1")]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1 IF")]
    [InlineData("DELETE FROM t")]
    [InlineData("DELETE FROM t USING TTL 1 WHERE k = 1")]
    [InlineData("BEGIN BATCH SELECT * FROM t APPLY BATCH")]
    [InlineData("BEGIN BATCH INSERT INTO t (k) VALUES (1)")]
    public void RejectsMalformedModifications(string cql)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(cql));
    }
}
