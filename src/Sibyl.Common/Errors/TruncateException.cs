namespace Sibyl.Common.Errors;

/// <summary>A TRUNCATE failed (code 0x1003).</summary>
public sealed class TruncateException : RequestException
{
    public TruncateException(string message) : base(ErrorCode.TruncateError, message) { }

    public TruncateException(string message, Exception? inner) : base(ErrorCode.TruncateError, message, inner) { }
}
