namespace Sibyl.Common.Errors;

/// <summary>
/// Base of every error a request can end with. Every layer throws these; the server catches them once,
/// at the connection boundary, and answers an ERROR frame with <see cref="Code"/> and the message.
/// </summary>
public class RequestException : Exception
{
    public RequestException(ErrorCode code, string message) : base(message) => Code = code;

    public RequestException(ErrorCode code, string message, Exception? inner) : base(message, inner) => Code = code;

    public ErrorCode Code { get; }
}
