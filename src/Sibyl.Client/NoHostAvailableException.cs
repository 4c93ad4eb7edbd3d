namespace Sibyl.Client;

/// <summary>No host could take the request: every connection is down or was refused.</summary>
public sealed class NoHostAvailableException : Exception
{
    public NoHostAvailableException(string message) : base(message) { }

    public NoHostAvailableException(string message, Exception? inner) : base(message, inner) { }
}
