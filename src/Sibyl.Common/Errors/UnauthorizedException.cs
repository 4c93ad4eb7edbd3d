namespace Sibyl.Common.Errors;

/// <summary>The logged-in user lacks a permission (code 0x2100).</summary>
public sealed class UnauthorizedException : RequestException
{
    public UnauthorizedException(string message) : base(ErrorCode.Unauthorized, message) { }

    public UnauthorizedException(string message, Exception? inner) : base(ErrorCode.Unauthorized, message, inner) { }
}
