namespace Sibyl.Common.Errors;

/// <summary>The request is syntactically valid but invalid (code 0x2200).</summary>
public sealed class InvalidRequestException : RequestException
{
    public InvalidRequestException(string message) : base(ErrorCode.Invalid, message) { }

    public InvalidRequestException(string message, Exception? inner) : base(ErrorCode.Invalid, message, inner) { }
}
