namespace Sibyl.Admin;

/// <summary>
/// Thrown by an operation handler to refuse a request (bad arguments, unknown keyspace...): the
/// message reaches the nodetool user verbatim and nodetool exits with code 1.
/// </summary>
public sealed class AdminOperationException : Exception
{
    public AdminOperationException() { }
    public AdminOperationException(string message) : base(message) { }
    public AdminOperationException(string message, Exception inner) : base(message, inner) { }
}
