namespace Sibyl.Common.Errors;

/// <summary>The query does not parse (code 0x2000).</summary>
public sealed class SyntaxException : RequestException
{
    public SyntaxException(string message) : base(ErrorCode.SyntaxError, message) { }

    public SyntaxException(string message, Exception? inner) : base(ErrorCode.SyntaxError, message, inner) { }
}
