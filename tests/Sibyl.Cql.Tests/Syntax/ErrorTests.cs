using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

public class ErrorTests
{
    private static CqlSyntaxException Fail(string cql) => Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(cql));

    [Theory]
    [InlineData("foo", "line 1:0 no viable alternative at input 'foo'", 1, 0)]
    [InlineData("SELECT * FROM t x", "line 1:16 mismatched input 'x' expecting EOF", 1, 16)]
    [InlineData("SELECT * FROM t LIMIT 1 x", "line 1:24 mismatched input 'x' expecting EOF", 1, 24)]
    [InlineData("SELECT * FROM", "line 0:-1 no viable alternative at input '<EOF>'", 0, -1)]
    [InlineData("SELECT * FROM t WHERE", "line 0:-1 no viable alternative at input '<EOF>'", 0, -1)]
    [InlineData("SELECT * FRM t", "line 1:9 mismatched input 'FRM' expecting K_FROM (SELECT * [FRM] t)", 1, 9)]
    [InlineData("INSERT INTO t (k) VALUES (1", "line 0:-1 mismatched input '<EOF>' expecting ')'", 0, -1)]
    [InlineData("SELECT * FROM t WHERE k = = 1", "line 1:26 no viable alternative at input '=' (...FROM t WHERE k = [=] 1)", 1, 26)]
    [InlineData("", "line 0:-1 no viable alternative at input '<EOF>'", 0, -1)]
    [InlineData(";", "line 1:0 no viable alternative at input ';'", 1, 0)]
    public void MessagesHaveAntlrShape(string cql, string message, int line, int column)
    {
        var ex = Fail(cql);
        Assert.Equal(message, ex.Message);
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
    }

    [Fact]
    public void PositionsCountLinesAndColumns()
    {
        var ex = Fail("SELECT *\nFROM t\nWHERE k = = 1");
        Assert.Equal(3, ex.Line);
        Assert.Equal(10, ex.Column);
        Assert.StartsWith("line 3:10 no viable alternative at input '='", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SnippetElidesTheStartOfLongQueries()
    {
        var ex = Fail("SELECT a, b, c, d, e FROM t WHERE k = 1 AND c >> 2 LIMIT 3");
        Assert.Contains("[>]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(...", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM t WHERE select = 1")]
    [InlineData("SELECT from FROM t")]
    [InlineData("SELECT * FROM select")]
    [InlineData("SELECT * FROM t WHERE k = 1 AND")]
    [InlineData("SELECT * FROM t ORDER c")]
    [InlineData("SELECT * FROM t LIMIT")]
    [InlineData("SELECT * FROM t LIMIT 'a'")]
    [InlineData("SELECT * FROM t PER PARTITION 1")]
    [InlineData("SELECT * FROM t ALLOW")]
    [InlineData("SELECT * FROM t WHERE k IN")]
    [InlineData("SELECT * FROM t WHERE k IN (1,")]
    [InlineData("SELECT * FROM t WHERE (a, b) IN (1, 2)")]
    [InlineData("SELECT * FROM t WHERE (a, b) = 1")]
    [InlineData("SELECT * FROM t WHERE token(a) IN (1)")]
    [InlineData("SELECT * FROM t WHERE k IS NULL")]
    [InlineData("SELECT * FROM t WHERE k")]
    [InlineData("SELECT a AS FROM t")]
    [InlineData("SELECT a, FROM t")]
    [InlineData("SELECT count(* FROM t")]
    [InlineData("SELECT ttl(1) FROM t")]
    [InlineData("SELECT CAST(a AS list<int>) FROM t")]
    [InlineData("SELECT m[1 FROM t")]
    [InlineData("SELECT * FROM t; SELECT * FROM t")]
    [InlineData("SELECT * FROM ?")]
    [InlineData("SELECT * FROM ks.?")]
    [InlineData("USE ?")]
    [InlineData("USE")]
    [InlineData("TRUNCATE")]
    [InlineData("SELECT 'unterminated FROM t")]
    [InlineData("SELECT * FROM t WHERE k = 1 LIMIT 1 ALLOW FILTERING ORDER BY c")]
    public void RejectsInvalidStatements(string cql)
    {
        Fail(cql);
    }

    [Theory]
    [InlineData("SELECT * FROM ?", "Bind variables cannot be used for keyspace names")]
    [InlineData("SELECT * FROM ks.?", "Bind variables cannot be used for table names")]
    [InlineData("DROP INDEX ks.?", "Bind variables cannot be used for index names")]
    [InlineData("USE ?", "Bind variables cannot be used for keyspace names")]
    public void BindMarkersAreRefusedForNames(string cql, string message)
    {
        Assert.Equal(message, Fail(cql).Message);
    }
}
