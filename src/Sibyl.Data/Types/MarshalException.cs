namespace Sibyl.Data.Types;

/// <summary>
/// A value does not belong to its type (org.apache.cassandra.serializers.MarshalException). The
/// message is Cassandra's, because clients see it inside an Invalid or ProtocolError response.
/// </summary>
public sealed class MarshalException : Exception
{
    public MarshalException()
    {
    }

    public MarshalException(string message) : base(message)
    {
    }

    public MarshalException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
