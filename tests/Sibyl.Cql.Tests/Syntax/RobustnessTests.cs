using System.Text;
using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

/// <summary>Hostile input must end in a <see cref="CqlSyntaxException"/>, never another exception or a stack overflow.</summary>
public class RobustnessTests
{
    private static readonly string[] Vocabulary =
    [
        "SELECT", "FROM", "WHERE", "AND", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "BEGIN", "BATCH", "APPLY",
        "CREATE", "TABLE", "KEYSPACE", "WITH", "PRIMARY", "KEY", "IF", "NOT", "EXISTS", "IN", "CONTAINS", "TOKEN", "USING",
        "TTL", "TIMESTAMP", "LIMIT", "ORDER", "BY", "DESC", "GROUP", "JSON", "DISTINCT", "CAST", "AS", "NULL", "frozen",
        "list", "map", "set", "tuple", "vector", "int", "text", "a", "b", "ks", "t", "\"Q\"", "'s'", "1", "-1", "1.5",
        "1h", "0xff", "true", "?", ":n", "(", ")", "[", "]", "{", "}", ",", ";", ".", "..", ":", "=", "<", ">", "<=",
        ">=", "!=", "+", "-", "*", "/", "%", "+=", "-=", "GRANT", "ROLE", "ON", "TO", "DESCRIBE", "ALTER", "DROP", "ADD",
    ];

    private static void ParseOrSyntaxError(string cql)
    {
        try
        {
            CqlParser.Parse(cql);
        }
        catch (CqlSyntaxException)
        {
        }
    }

    [Fact]
    public void RandomTokenSoupOnlyFailsWithSyntaxErrors()
    {
        var random = new Random(42);
        for (var i = 0; i < 5000; i++)
        {
            var sb = new StringBuilder();
            var length = 1 + random.Next(25);
            for (var j = 0; j < length; j++)
                sb.Append(Vocabulary[random.Next(Vocabulary.Length)]).Append(' ');
            var cql = sb.ToString();
            var ex = Record.Exception(() => ParseOrSyntaxError(cql));
            Assert.True(ex is null, $"{cql} threw {ex}");
        }
    }

    [Fact]
    public void MutatedValidStatementsOnlyFailWithSyntaxErrors()
    {
        string[] seeds =
        [
            "SELECT a, b AS c, count(*) FROM ks.t WHERE k = ? AND (c, d) > (1, 2) ORDER BY c DESC LIMIT 5",
            "UPDATE t USING TTL 5 SET m['a'] = 1, l = [1] + l WHERE k IN (1, 2) IF v = 3",
            "CREATE TABLE t (k int, c text, v map<text, frozen<list<int>>>, PRIMARY KEY ((k), c)) WITH CLUSTERING ORDER BY (c DESC)",
            "BEGIN BATCH INSERT INTO t (k) VALUES (1); DELETE FROM t WHERE k = 2; APPLY BATCH",
        ];
        var random = new Random(7);
        foreach (var seed in seeds)
        {
            for (var i = 0; i < 1500; i++)
            {
                var chars = seed.ToCharArray();
                var edits = 1 + random.Next(3);
                for (var e = 0; e < edits; e++)
                    chars[random.Next(chars.Length)] = "(){}[]<>,;.:'\"?-+ax0 $/*"[random.Next(24)];
                var cql = new string(chars);
                var ex = Record.Exception(() => ParseOrSyntaxError(cql));
                Assert.True(ex is null, $"{cql} threw {ex}");
            }
        }
    }

    [Theory]
    [InlineData("SELECT * FROM t WHERE k = ", "[", "]")]
    [InlineData("SELECT * FROM t WHERE k = ", "{", "}")]
    [InlineData("SELECT * FROM t WHERE k = ", "(", ")")]
    [InlineData("SELECT * FROM t WHERE k = ", "(int) ", "")]
    [InlineData("SELECT ", "(", ")")]
    [InlineData("SELECT ", "- ", "")]
    [InlineData("SELECT * FROM t WHERE k = ", "- ", "")]
    [InlineData("SELECT * FROM t WHERE ", "(", ")")]
    [InlineData("CREATE TABLE t (k ", "frozen<", ">")]
    [InlineData("CREATE TABLE t (k ", "list<", ">")]
    public void DeepNestingIsASyntaxErrorNotACrash(string prefix, string open, string close)
    {
        var sb = new StringBuilder(prefix);
        for (var i = 0; i < 100_000; i++)
            sb.Append(open);
        sb.Append('1');
        for (var i = 0; i < 100_000; i++)
            sb.Append(close);
        Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(sb.ToString()));
    }

    [Fact]
    public void ModerateNestingIsAccepted()
    {
        var cql = "SELECT * FROM t WHERE k = " + new string('[', 50) + "1" + new string(']', 50);
        var select = Assert.IsType<RawSelectStatement>(CqlParser.Parse(cql).Statement);
        Assert.Single(select.Where);
        var type = CqlParser.ParseType(string.Concat(Enumerable.Repeat("frozen<", 60)) + "int" + new string('>', 60));
        Assert.IsType<RawFrozenType>(type);
    }
}
