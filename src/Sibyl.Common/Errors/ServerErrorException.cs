namespace Sibyl.Common.Errors;

/// <summary>Something unexpected happened on the server (code 0x0000).</summary>
public sealed class ServerErrorException : RequestException
{
    public ServerErrorException(string message) : base(ErrorCode.ServerError, message) { }

    public ServerErrorException(string message, Exception? inner) : base(ErrorCode.ServerError, message, inner) { }
}
