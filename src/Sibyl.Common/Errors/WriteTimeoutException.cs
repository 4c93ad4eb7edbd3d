namespace Sibyl.Common.Errors;

/// <summary>Replicas did not acknowledge a write in time (code 0x1100).</summary>
public sealed class WriteTimeoutException : RequestException
{
    public WriteTimeoutException(ConsistencyLevel consistency, int received, int blockFor, WriteType writeType)
        : this(consistency, received, blockFor, writeType,
            $"Operation timed out - received only {received} responses.")
    {
    }

    public WriteTimeoutException(ConsistencyLevel consistency, int received, int blockFor, WriteType writeType, string message)
        : base(ErrorCode.WriteTimeout, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        WriteType = writeType;
    }

    public ConsistencyLevel Consistency { get; }

    public int Received { get; }

    public int BlockFor { get; }

    public WriteType WriteType { get; }
}
