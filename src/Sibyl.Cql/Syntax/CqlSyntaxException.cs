namespace Sibyl.Cql.Syntax;

/// <summary>
/// A CQL text that does not follow the grammar. The message has ANTLR's shape
/// (<c>line 1:9 no viable alternative at input 'foo'</c>) because clients and tests match on it;
/// the lead maps it to the protocol's SyntaxError (0x2000).
/// </summary>
public sealed class CqlSyntaxException : Exception
{
    public CqlSyntaxException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public CqlSyntaxException()
        : this("syntax error", 0, -1)
    {
    }

    public CqlSyntaxException(string message)
        : this(message, 0, -1)
    {
    }

    public CqlSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Column = -1;
    }

    /// <summary>1-based line of the offending token; 0 when the input ended early.</summary>
    public int Line { get; }

    /// <summary>0-based column of the offending token; -1 when the input ended early.</summary>
    public int Column { get; }
}
