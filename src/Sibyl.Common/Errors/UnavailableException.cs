namespace Sibyl.Common.Errors;

/// <summary>Not enough live replicas to reach the consistency level (code 0x1000).</summary>
public sealed class UnavailableException : RequestException
{
    public UnavailableException(ConsistencyLevel consistency, int required, int alive)
        : this(consistency, required, alive, $"Cannot achieve consistency level {consistency.ToCqlName()}")
    {
    }

    public UnavailableException(ConsistencyLevel consistency, int required, int alive, string message)
        : base(ErrorCode.Unavailable, message)
    {
        Consistency = consistency;
        Required = required;
        Alive = alive;
    }

    public ConsistencyLevel Consistency { get; }

    public int Required { get; }

    public int Alive { get; }
}
