using Sibyl.Cql.Syntax;
using static Sibyl.Cql.Tests.Syntax.ParserTestHelpers;

namespace Sibyl.Cql.Tests.Syntax;

public class SelectTests
{
    [Theory]
    [InlineData("SELECT * FROM t", "SELECT * FROM t")]
    [InlineData("select * from ks.t;", "SELECT * FROM ks.t")]
    [InlineData("SELECT * FROM t;;", "SELECT * FROM t")]
    [InlineData("SELECT a, b FROM t", "SELECT a, b FROM t")]
    [InlineData("SELECT A AS x, \"B\" AS \"Y\" FROM \"Ks\".\"T\"", "SELECT a AS x, \"B\" AS \"Y\" FROM \"Ks\".\"T\"")]
    [InlineData("SELECT JSON * FROM t", "SELECT JSON * FROM t")]
    [InlineData("SELECT JSON a, b FROM t", "SELECT JSON a, b FROM t")]
    [InlineData("SELECT DISTINCT k FROM t", "SELECT DISTINCT k FROM t")]
    [InlineData("SELECT JSON DISTINCT k FROM t", "SELECT JSON DISTINCT k FROM t")]
    [InlineData("SELECT json FROM t", "SELECT json FROM t")]
    [InlineData("SELECT json, distinct FROM t", "SELECT json, distinct FROM t")]
    [InlineData("SELECT distinct FROM t", "SELECT distinct FROM t")]
    [InlineData("SELECT JSON json FROM t", "SELECT JSON json FROM t")]
    [InlineData("SELECT count(*) FROM t", "SELECT count(*) FROM t")]
    [InlineData("SELECT COUNT(*) AS c FROM t", "SELECT count(*) AS c FROM t")]
    [InlineData("SELECT COUNT(1) FROM t", "SELECT count(1) FROM t")]
    [InlineData("SELECT count(a) FROM t", "SELECT count(a) FROM t")]
    [InlineData("SELECT count FROM t", "SELECT count FROM t")]
    [InlineData("SELECT writetime(v), ttl(v), maxwritetime(v) FROM t", "SELECT writetime(v), ttl(v), maxwritetime(v) FROM t")]
    [InlineData("SELECT WRITETIME(u.f) FROM t", "SELECT writetime(u.f) FROM t")]
    [InlineData("SELECT ttl, writetime FROM t", "SELECT ttl, writetime FROM t")]
    [InlineData("SELECT now(), toJson(v), ks.f(a, 1) FROM t", "SELECT now(), tojson(v), ks.f(a, 1) FROM t")]
    [InlineData("SELECT token(k) FROM t", "SELECT token(k) FROM t")]
    [InlineData("SELECT CAST(v AS text) FROM t", "SELECT CAST(v AS text) FROM t")]
    [InlineData("SELECT cast(a + 1 AS bigint) FROM t", "SELECT CAST(a + 1 AS bigint) FROM t")]
    [InlineData("SELECT u.street, u.\"Zip\" FROM t", "SELECT u.street, u.\"Zip\" FROM t")]
    [InlineData("SELECT m['k'], l[0], s[1..3], s[..3], s[1..] FROM t", "SELECT m['k'], l[0], s[1..3], s[..3], s[1..] FROM t")]
    [InlineData("SELECT m[?] FROM t", "SELECT m[?] FROM t")]
    [InlineData("SELECT a.b.c, m['x'].f FROM t", "SELECT a.b.c, m['x'].f FROM t")]
    [InlineData("SELECT a + b * 2, -a, a % 3 FROM t", "SELECT a + b * 2, -a, a % 3 FROM t")]
    [InlineData("SELECT (a + b) * 2 FROM t", "SELECT (a + b) * 2 FROM t")]
    [InlineData("SELECT (int) a FROM t", "SELECT (int) a FROM t")]
    [InlineData("SELECT (text) FROM t", "SELECT (text) FROM t")]
    [InlineData("SELECT 1, 'a', null, ? FROM t", "SELECT 1, 'a', null, ? FROM t")]
    [InlineData("SELECT [a, b], {a, b}, {a: b}, (a, b), {} FROM t", "SELECT [a, b], {a, b}, {a: b}, (a, b), {} FROM t")]
    [InlineData("SELECT key, type, value, ttl, timestamp, count, list, map, keys, date FROM t", "SELECT key, type, value, ttl, timestamp, count, list, map, keys, date FROM t")]
    [InlineData("SELECT * FROM t WHERE k = 1", "SELECT * FROM t WHERE k = 1")]
    [InlineData("SELECT * FROM t WHERE k = 1 AND c > 2 AND c <= 5", "SELECT * FROM t WHERE k = 1 AND c > 2 AND c <= 5")]
    [InlineData("SELECT * FROM t WHERE a < 1 AND b >= 2 AND c != 3", "SELECT * FROM t WHERE a < 1 AND b >= 2 AND c != 3")]
    [InlineData("SELECT * FROM t WHERE k IN (1, 2, 3)", "SELECT * FROM t WHERE k IN (1, 2, 3)")]
    [InlineData("SELECT * FROM t WHERE k IN ()", "SELECT * FROM t WHERE k IN ()")]
    [InlineData("SELECT * FROM t WHERE k IN ?", "SELECT * FROM t WHERE k IN ?")]
    [InlineData("SELECT * FROM t WHERE k IN :ks", "SELECT * FROM t WHERE k IN :ks")]
    [InlineData("SELECT * FROM t WHERE s CONTAINS 1", "SELECT * FROM t WHERE s CONTAINS 1")]
    [InlineData("SELECT * FROM t WHERE m CONTAINS KEY 'a'", "SELECT * FROM t WHERE m CONTAINS KEY 'a'")]
    [InlineData("SELECT * FROM t WHERE v LIKE 'ab%'", "SELECT * FROM t WHERE v LIKE 'ab%'")]
    [InlineData("SELECT * FROM t WHERE v IS NOT NULL", "SELECT * FROM t WHERE v IS NOT null")]
    [InlineData("SELECT * FROM t WHERE m['k'] = 'v'", "SELECT * FROM t WHERE m['k'] = 'v'")]
    [InlineData("SELECT * FROM t WHERE token(k) > token(5)", "SELECT * FROM t WHERE token(k) > token(5)")]
    [InlineData("SELECT * FROM t WHERE TOKEN(a, b) <= ?", "SELECT * FROM t WHERE token(a, b) <= ?")]
    [InlineData("SELECT * FROM t WHERE (a, b) = (1, 2)", "SELECT * FROM t WHERE (a, b) = (1, 2)")]
    [InlineData("SELECT * FROM t WHERE (a, b) > ?", "SELECT * FROM t WHERE (a, b) > ?")]
    [InlineData("SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))", "SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))")]
    [InlineData("SELECT * FROM t WHERE (a, b) IN ?", "SELECT * FROM t WHERE (a, b) IN ?")]
    [InlineData("SELECT * FROM t WHERE (a, b) IN (?, ?)", "SELECT * FROM t WHERE (a, b) IN (?, ?)")]
    [InlineData("SELECT * FROM t WHERE (a) IN ((1))", "SELECT * FROM t WHERE (a) IN ((1))")]
    [InlineData("SELECT * FROM t WHERE (k = 1)", "SELECT * FROM t WHERE k = 1")]
    [InlineData("SELECT * FROM t WHERE c BETWEEN 1 AND 5", "SELECT * FROM t WHERE c BETWEEN 1 AND 5")]
    [InlineData("SELECT * FROM t WHERE k NOT IN (1)", "SELECT * FROM t WHERE k NOT IN (1)")]
    [InlineData("SELECT * FROM t WHERE s NOT CONTAINS 1", "SELECT * FROM t WHERE s NOT CONTAINS 1")]
    [InlineData("SELECT * FROM t WHERE expr(idx, 'q')", "SELECT * FROM t WHERE expr(idx, 'q')")]
    [InlineData("SELECT * FROM t WHERE key = 1 AND value > 'x' AND type = ?", "SELECT * FROM t WHERE key = 1 AND value > 'x' AND type = ?")]
    [InlineData("SELECT * FROM t WHERE \"\" = 1", "SELECT * FROM t WHERE \"\" = 1")]
    [InlineData("SELECT * FROM t WHERE k = now() AND d = 1h AND u = 550e8400-e29b-41d4-a716-446655440000", "SELECT * FROM t WHERE k = now() AND d = 1h AND u = 550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("SELECT * FROM t WHERE k = (int) ?", "SELECT * FROM t WHERE k = (int) ?")]
    [InlineData("SELECT * FROM t WHERE k = -5 AND f = -1.5", "SELECT * FROM t WHERE k = -5 AND f = -1.5")]
    [InlineData("SELECT * FROM t WHERE k = 1 GROUP BY k, c", "SELECT * FROM t WHERE k = 1 GROUP BY k, c")]
    [InlineData("SELECT * FROM t GROUP BY floor(ts, 1h)", "SELECT * FROM t GROUP BY floor(ts, 1h)")]
    [InlineData("SELECT * FROM t WHERE k = 1 ORDER BY c DESC", "SELECT * FROM t WHERE k = 1 ORDER BY c DESC")]
    [InlineData("SELECT * FROM t WHERE k = 1 ORDER BY c ASC, d DESC", "SELECT * FROM t WHERE k = 1 ORDER BY c ASC, d DESC")]
    [InlineData("SELECT * FROM t WHERE k = 1 ORDER BY c", "SELECT * FROM t WHERE k = 1 ORDER BY c ASC")]
    [InlineData("SELECT * FROM t ORDER BY v ANN OF [1.0, 2.0] LIMIT 3", "SELECT * FROM t ORDER BY v ANN OF [1.0, 2.0] ASC LIMIT 3")]
    [InlineData("SELECT * FROM t PER PARTITION LIMIT 2", "SELECT * FROM t PER PARTITION LIMIT 2")]
    [InlineData("SELECT * FROM t LIMIT 10", "SELECT * FROM t LIMIT 10")]
    [InlineData("SELECT * FROM t LIMIT ?", "SELECT * FROM t LIMIT ?")]
    [InlineData("SELECT * FROM t PER PARTITION LIMIT ? LIMIT :l", "SELECT * FROM t PER PARTITION LIMIT ? LIMIT :l")]
    [InlineData("SELECT * FROM t ALLOW FILTERING", "SELECT * FROM t ALLOW FILTERING")]
    [InlineData("SELECT * FROM t WHERE v = 1 GROUP BY k ORDER BY c DESC PER PARTITION LIMIT 1 LIMIT 5 ALLOW FILTERING", "SELECT * FROM t WHERE v = 1 GROUP BY k ORDER BY c DESC PER PARTITION LIMIT 1 LIMIT 5 ALLOW FILTERING")]
    [InlineData("SELECT * FROM system.\"IndexInfo\"", "SELECT * FROM system.\"IndexInfo\"")]
    [InlineData("SELECT * FROM key.value", "SELECT * FROM key.value")]
    [InlineData("/* c */ SELECT -- x\n * FROM t // y", "SELECT * FROM t")]
    public void RoundTrips(string cql, string expected)
    {
        var select = Parse<RawSelectStatement>(cql);
        Assert.Equal(expected, select.ToCql());
        Assert.Equal(select, Parse<RawSelectStatement>(select.ToCql()));
    }

    [Fact]
    public void BuildsTheExpectedTree()
    {
        var select = Parse<RawSelectStatement>("SELECT a AS x, count(*) FROM ks.t WHERE k = ? AND c IN (1, 2) ORDER BY c DESC LIMIT 5");
        var expected = new RawSelectStatement(
            Q("ks", "t"),
            IsJson: false,
            IsDistinct: false,
            L(new RawSelector(new ColumnSelectable("a"), "x"), new RawSelector(CountRowsSelectable.Instance, null)),
            L<RawRelation>(
                new SingleColumnRelation("k", RelationOperator.Eq, new RawBindMarker(0, null)),
                new SingleColumnRelation("c", RelationOperator.In, new RawTermList(L<RawTerm>(Int(1), Int(2))))),
            ValueList<RawSelectable>.Empty,
            L(new RawOrdering("c", Descending: true)),
            PerPartitionLimit: null,
            Limit: Int(5),
            AllowFiltering: false);
        Assert.Equal(expected, select);
    }

    [Fact]
    public void WildcardHasNoSelectors()
    {
        var select = Parse<RawSelectStatement>("SELECT * FROM t");
        Assert.True(select.IsWildcard);
        Assert.Empty(select.Where);
    }

    [Fact]
    public void JsonAndDistinctFlags()
    {
        var s = Parse<RawSelectStatement>("SELECT JSON DISTINCT a FROM t");
        Assert.True(s.IsJson);
        Assert.True(s.IsDistinct);
        var col = Parse<RawSelectStatement>("SELECT json FROM t");
        Assert.False(col.IsJson);
        Assert.Equal(new ColumnSelectable("json"), col.Selectors[0].Selectable);
    }

    [Fact]
    public void SelectorShapes()
    {
        var s = Parse<RawSelectStatement>("SELECT writetime(v), m['k'], s[1..3], u.f, CAST(x AS int), (bigint) y FROM t");
        Assert.Equal(new WritetimeOrTtlSelectable(WritetimeOrTtlKind.Writetime, new ColumnSelectable("v")), s.Selectors[0].Selectable);
        Assert.Equal(new ElementSelectable(new ColumnSelectable("m"), Str("k")), s.Selectors[1].Selectable);
        Assert.Equal(new SliceSelectable(new ColumnSelectable("s"), Int(1), Int(3)), s.Selectors[2].Selectable);
        Assert.Equal(new FieldSelectable(new ColumnSelectable("u"), "f"), s.Selectors[3].Selectable);
        Assert.Equal(new CastSelectable(new ColumnSelectable("x"), Native("int")), s.Selectors[4].Selectable);
        Assert.Equal(new TypeHintSelectable(Native("bigint"), new ColumnSelectable("y")), s.Selectors[5].Selectable);
    }

    [Fact]
    public void FunctionSelectorWithKeyspace()
    {
        var s = Parse<RawSelectStatement>("SELECT ks.fn(a, 'x') FROM t");
        Assert.Equal(new FunctionSelectable(new FunctionName("ks", "fn"), L<RawSelectable>(new ColumnSelectable("a"), new TermSelectable(Str("x")))), s.Selectors[0].Selectable);
    }

    [Fact]
    public void RelationShapes()
    {
        var s = Parse<RawSelectStatement>("SELECT * FROM t WHERE token(a, b) > 3 AND (c, d) IN ((1, 2)) AND m['x'] = 1 AND v IS NOT NULL");
        Assert.Equal(new TokenRelation(L("a", "b"), RelationOperator.Gt, Int(3)), s.Where[0]);
        Assert.Equal(new MultiColumnRelation(L("c", "d"), RelationOperator.In, new RawTermList(L<RawTerm>(new RawTupleLiteral(L<RawTerm>(Int(1), Int(2)))))), s.Where[1]);
        Assert.Equal(new MapElementRelation("m", Str("x"), RelationOperator.Eq, Int(1)), s.Where[2]);
        Assert.Equal(new SingleColumnRelation("v", RelationOperator.IsNot, RawNull.Instance), s.Where[3]);
    }

    [Fact]
    public void IdentifiersAreLowerCasedUnlessQuoted()
    {
        var s = Parse<RawSelectStatement>("SELECT MyCol, \"MyCol\" FROM MyKs.\"MyTable\"");
        Assert.Equal(new ColumnSelectable("mycol"), s.Selectors[0].Selectable);
        Assert.Equal(new ColumnSelectable("MyCol"), s.Selectors[1].Selectable);
        Assert.Equal(Q("myks", "MyTable"), s.Table);
    }

    [Fact]
    public void QuotedIdentifiersUnescapeDoubledQuotes()
    {
        var s = Parse<RawSelectStatement>("SELECT \"a\"\"b\" FROM t");
        Assert.Equal(new ColumnSelectable("a\"b"), s.Selectors[0].Selectable);
        Assert.Equal("SELECT \"a\"\"b\" FROM t", s.ToCql());
    }
}
