namespace Sibyl.Common.Errors;

/// <summary>Authentication failed: bad credentials (code 0x0100).</summary>
public sealed class AuthenticationException : RequestException
{
    public AuthenticationException(string message) : base(ErrorCode.BadCredentials, message) { }

    public AuthenticationException(string message, Exception? inner) : base(ErrorCode.BadCredentials, message, inner) { }
}
