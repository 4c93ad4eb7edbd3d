namespace Sibyl.Common.Errors;

/// <summary>The client violated the protocol, e.g. a malformed frame (code 0x000A).</summary>
public sealed class ProtocolException : RequestException
{
    public ProtocolException(string message) : base(ErrorCode.ProtocolError, message) { }

    public ProtocolException(string message, Exception? inner) : base(ErrorCode.ProtocolError, message, inner) { }
}
