namespace Sibyl.Common.Errors;

/// <summary>The coordinator or this connection is overloaded (code 0x1001).</summary>
public sealed class OverloadedException : RequestException
{
    public OverloadedException(string message) : base(ErrorCode.Overloaded, message) { }

    public OverloadedException(string message, Exception? inner) : base(ErrorCode.Overloaded, message, inner) { }
}
