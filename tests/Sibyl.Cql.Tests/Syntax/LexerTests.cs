using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

public class LexerTests
{
    private static CqlToken Single(string text)
    {
        var tokens = CqlLexer.Tokenize(text);
        Assert.Equal(2, tokens.Count);
        Assert.Equal(TokenKind.Eof, tokens[1].Kind);
        return tokens[0];
    }

    [Theory]
    [InlineData("'abc'", TokenKind.String, "abc")]
    [InlineData("'it''s'", TokenKind.String, "it's")]
    [InlineData("''", TokenKind.String, "")]
    [InlineData("$$a 'b' c$$", TokenKind.String, "a 'b' c")]
    [InlineData("$$$$", TokenKind.String, "")]
    [InlineData("42", TokenKind.Integer, "42")]
    [InlineData("-42", TokenKind.Integer, "-42")]
    [InlineData("0", TokenKind.Integer, "0")]
    [InlineData("3.14", TokenKind.Float, "3.14")]
    [InlineData("-3.5", TokenKind.Float, "-3.5")]
    [InlineData("1e10", TokenKind.Float, "1e10")]
    [InlineData("1.5E-3", TokenKind.Float, "1.5E-3")]
    [InlineData("2.", TokenKind.Float, "2.")]
    [InlineData("NaN", TokenKind.Float, "NaN")]
    [InlineData("-NaN", TokenKind.Float, "NaN")]
    [InlineData("Infinity", TokenKind.Float, "Infinity")]
    [InlineData("-infinity", TokenKind.Float, "-Infinity")]
    [InlineData("true", TokenKind.Boolean, "true")]
    [InlineData("FALSE", TokenKind.Boolean, "false")]
    [InlineData("0xCAFE", TokenKind.Hex, "0xCAFE")]
    [InlineData("0x", TokenKind.Hex, "0x")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000", TokenKind.Uuid, "550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("DEADBEEF-e29b-41d4-a716-446655440000", TokenKind.Uuid, "DEADBEEF-e29b-41d4-a716-446655440000")]
    [InlineData("1h30m", TokenKind.Duration, "1h30m")]
    [InlineData("12mo3d", TokenKind.Duration, "12mo3d")]
    [InlineData("-2d", TokenKind.Duration, "-2d")]
    [InlineData("10ms", TokenKind.Duration, "10ms")]
    [InlineData("5us", TokenKind.Duration, "5us")]
    [InlineData("7ns", TokenKind.Duration, "7ns")]
    [InlineData("1y2mo3w4d5h6m7s8ms9us10ns", TokenKind.Duration, "1y2mo3w4d5h6m7s8ms9us10ns")]
    [InlineData("P1DT2H", TokenKind.Duration, "P1DT2H")]
    [InlineData("P1Y2M3D", TokenKind.Duration, "P1Y2M3D")]
    [InlineData("PT5M", TokenKind.Duration, "PT5M")]
    [InlineData("P3W", TokenKind.Duration, "P3W")]
    [InlineData("-P1D", TokenKind.Duration, "-P1D")]
    [InlineData("P0000-00-00T00:00:00", TokenKind.Duration, "P0000-00-00T00:00:00")]
    [InlineData("P0001-02-03T04:05:06", TokenKind.Duration, "P0001-02-03T04:05:06")]
    [InlineData("abc", TokenKind.Identifier, "abc")]
    [InlineData("MyTable", TokenKind.Identifier, "mytable")]
    [InlineData("a_b1", TokenKind.Identifier, "a_b1")]
    [InlineData("Pxyz", TokenKind.Identifier, "pxyz")]
    [InlineData("\"MyTable\"", TokenKind.QuotedName, "MyTable")]
    [InlineData("\"a\"\"b\"", TokenKind.QuotedName, "a\"b")]
    [InlineData("\"\"", TokenKind.EmptyQuotedName, "")]
    [InlineData("?", TokenKind.QMark, "?")]
    [InlineData("..", TokenKind.Range, "..")]
    [InlineData("!=", TokenKind.Neq, "!=")]
    [InlineData("<=", TokenKind.Lte, "<=")]
    [InlineData(">=", TokenKind.Gte, ">=")]
    [InlineData("+=", TokenKind.PlusEq, "+=")]
    [InlineData("-=", TokenKind.MinusEq, "-=")]
    public void LexesOneToken(string text, TokenKind kind, string value)
    {
        var token = Single(text);
        Assert.Equal(kind, token.Kind);
        Assert.Equal(value, token.Value);
        Assert.Equal(text.Length, token.Length);
    }

    [Fact]
    public void RangeBetweenIntegersIsNotAFloat()
    {
        var tokens = CqlLexer.Tokenize("1..3");
        Assert.Equal([TokenKind.Integer, TokenKind.Range, TokenKind.Integer, TokenKind.Eof], tokens.Select(t => t.Kind));
    }

    [Fact]
    public void SubtractionWithoutSpaceLexesANegativeInteger()
    {
        var tokens = CqlLexer.Tokenize("c-3");
        Assert.Equal([TokenKind.Identifier, TokenKind.Integer, TokenKind.Eof], tokens.Select(t => t.Kind));
        Assert.Equal("-3", tokens[1].Value);
    }

    [Theory]
    [InlineData("a -- comment\nb")]
    [InlineData("a // comment\nb")]
    [InlineData("a /* multi\nline */ b")]
    [InlineData("a\t\r\n b -- trailing")]
    public void SkipsCommentsAndWhitespace(string text)
    {
        var tokens = CqlLexer.Tokenize(text);
        Assert.Equal(["a", "b", "<EOF>"], tokens.Select(t => t.Value));
    }

    [Fact]
    public void TracksLinesAndColumns()
    {
        var tokens = CqlLexer.Tokenize("SELECT *\n  FROM t");
        Assert.Equal((1, 0), (tokens[0].Line, tokens[0].Column));
        Assert.Equal((1, 7), (tokens[1].Line, tokens[1].Column));
        Assert.Equal((2, 2), (tokens[2].Line, tokens[2].Column));
        Assert.Equal((2, 7), (tokens[3].Line, tokens[3].Column));
    }

    [Theory]
    [InlineData("'unterminated")]
    [InlineData("\"unterminated")]
    [InlineData("$$unterminated")]
    [InlineData("/* unterminated")]
    [InlineData("a ^ b")]
    [InlineData("a ! b")]
    public void RejectsBadInput(string text)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlLexer.Tokenize(text));
    }
}
