using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

public class TermTests
{
    [Theory]
    [InlineData("'abc'", "'abc'")]
    [InlineData("'it''s'", "'it''s'")]
    [InlineData("$$it's$$", "'it''s'")]
    [InlineData("42", "42")]
    [InlineData("-42", "-42")]
    [InlineData("1.5e3", "1.5e3")]
    [InlineData("NaN", "NaN")]
    [InlineData("-NaN", "NaN")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("-Infinity", "-Infinity")]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("0xff", "0xff")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000", "550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("1h30m", "1h30m")]
    [InlineData("P1DT2H", "P1DT2H")]
    [InlineData("P0000-00-00T00:00:00", "P0000-00-00T00:00:00")]
    [InlineData("?", "?")]
    [InlineData(":name", ":name")]
    [InlineData(":\"Name\"", ":\"Name\"")]
    [InlineData("[1, 2, 3]", "[1, 2, 3]")]
    [InlineData("[]", "[]")]
    [InlineData("{1, 2}", "{1, 2}")]
    [InlineData("{}", "{}")]
    [InlineData("{'a': 1, 'b': 2}", "{'a': 1, 'b': 2}")]
    [InlineData("{street: 'x', zip: 12}", "{street: 'x', zip: 12}")]
    [InlineData("{\"Street\": 'x'}", "{\"Street\": 'x'}")]
    [InlineData("(1, 'a', true)", "(1, 'a', true)")]
    [InlineData("(1)", "(1)")]
    [InlineData("now()", "now()")]
    [InlineData("token(1, 2)", "token(1, 2)")]
    [InlineData("ks.fn(1)", "ks.fn(1)")]
    [InlineData("\"Ks\".\"Fn\"(1)", "\"Ks\".\"Fn\"(1)")]
    [InlineData("blobAsText(0x00)", "blobastext(0x00)")]
    [InlineData("text(1)", "text(1)")]
    [InlineData("(int) ?", "(int) ?")]
    [InlineData("(frozen<list<int>>) [1]", "(frozen<list<int>>) [1]")]
    [InlineData("(text) 'a'", "(text) 'a'")]
    [InlineData("CAST(1 AS text)", "CAST(1 AS text)")]
    [InlineData("1 + 2", "1 + 2")]
    [InlineData("1 + 2 * 3", "1 + 2 * 3")]
    [InlineData("1 * 2 + 3", "1 * 2 + 3")]
    [InlineData("1 - 2 - 3", "1 - 2 - 3")]
    [InlineData("10 / 2 % 3", "10 / 2 % 3")]
    [InlineData("- ?", "-?")]
    [InlineData("-now()", "-now()")]
    [InlineData("[{'a': [1]}, {'b': []}]", "[{'a': [1]}, {'b': []}]")]
    [InlineData("{(1, 2): {3}}", "{(1, 2): {3}}")]
    public void ParsesAndPrintsTerms(string cql, string expected)
    {
        var term = CqlParser.ParseTerm(cql);
        Assert.Equal(expected, term.ToCql());
        Assert.Equal(term, CqlParser.ParseTerm(term.ToCql()));
    }

    [Fact]
    public void LiteralsCarryTheirKind()
    {
        Assert.Equal(new RawLiteral(LiteralKind.String, "a"), CqlParser.ParseTerm("'a'"));
        Assert.Equal(new RawLiteral(LiteralKind.Integer, "-1"), CqlParser.ParseTerm("-1"));
        Assert.Equal(new RawLiteral(LiteralKind.Float, "-Infinity"), CqlParser.ParseTerm("-Infinity"));
        Assert.Equal(new RawLiteral(LiteralKind.Boolean, "true"), CqlParser.ParseTerm("TRUE"));
        Assert.Equal(new RawLiteral(LiteralKind.Duration, "3h"), CqlParser.ParseTerm("3h"));
        Assert.Equal(new RawLiteral(LiteralKind.Hex, "0x01"), CqlParser.ParseTerm("0x01"));
        Assert.IsType<RawNull>(CqlParser.ParseTerm("null"));
    }

    [Fact]
    public void EmptyBracesAreAnEmptySet()
    {
        Assert.Equal(new RawSetLiteral(ValueList<RawTerm>.Empty), CqlParser.ParseTerm("{}"));
    }

    [Fact]
    public void BraceShapeDecidesMapSetOrUdt()
    {
        Assert.IsType<RawMapLiteral>(CqlParser.ParseTerm("{1: 2}"));
        Assert.IsType<RawSetLiteral>(CqlParser.ParseTerm("{1}"));
        var udt = Assert.IsType<RawUserTypeLiteral>(CqlParser.ParseTerm("{key: 1, ttl: 2}"));
        Assert.Equal(["key", "ttl"], udt.Fields.Select(f => f.Field));
    }

    [Fact]
    public void ArithmeticIsLeftAssociativeWithPrecedence()
    {
        var term = CqlParser.ParseTerm("1 + 2 * 3 - 4");
        var minus = Assert.IsType<RawArithmetic>(term);
        Assert.Equal('-', minus.Operator);
        var plus = Assert.IsType<RawArithmetic>(minus.Left);
        Assert.Equal('+', plus.Operator);
        Assert.Equal('*', Assert.IsType<RawArithmetic>(plus.Right).Operator);
    }

    [Fact]
    public void TypeHintIsNotConfusedWithTuple()
    {
        Assert.IsType<RawTypeHint>(CqlParser.ParseTerm("(bigint) 3"));
        Assert.IsType<RawTupleLiteral>(CqlParser.ParseTerm("(now(), 3)"));
        Assert.IsType<RawTupleLiteral>(CqlParser.ParseTerm("('a', 'b')"));
    }

    [Fact]
    public void FunctionNamesAreQualified()
    {
        var call = Assert.IsType<RawFunctionCall>(CqlParser.ParseTerm("system.now()"));
        Assert.Equal(new FunctionName("system", "now"), call.Name);
        Assert.Empty(call.Arguments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,")]
    [InlineData("{1: }")]
    [InlineData("{1, 2: 3}")]
    [InlineData("ttl(1)")]
    [InlineData("(int)")]
    [InlineData("1 +")]
    [InlineData("column_name")]
    [InlineData("select")]
    public void RejectsInvalidTerms(string cql)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlParser.ParseTerm(cql));
    }
}
