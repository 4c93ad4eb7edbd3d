namespace Sibyl.Cql.Syntax;

/// <summary>
/// One lexical token. <see cref="Value"/> is the decoded text: lower-cased for unquoted identifiers,
/// unescaped for quoted names and strings, the literal text otherwise.
/// </summary>
public readonly record struct CqlToken(TokenKind Kind, int Start, int Length, int Line, int Column, string Value)
{
    public bool Is(TokenKind kind) => Kind == kind;

    /// <summary>True when this is the unquoted keyword or identifier <paramref name="lowerCaseWord"/>.</summary>
    public bool IsWord(string lowerCaseWord) => Kind == TokenKind.Identifier && Value == lowerCaseWord;
}
