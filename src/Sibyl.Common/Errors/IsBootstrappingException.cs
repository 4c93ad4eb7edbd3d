namespace Sibyl.Common.Errors;

/// <summary>The coordinator is still bootstrapping (code 0x1002).</summary>
public sealed class IsBootstrappingException : RequestException
{
    public IsBootstrappingException() : this("Cannot read from a bootstrapping node") { }

    public IsBootstrappingException(string message) : base(ErrorCode.IsBootstrapping, message) { }

    public IsBootstrappingException(string message, Exception? inner) : base(ErrorCode.IsBootstrapping, message, inner) { }
}
