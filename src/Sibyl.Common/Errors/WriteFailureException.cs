namespace Sibyl.Common.Errors;

/// <summary>Replicas answered a write with failures (code 0x1500, v4).</summary>
public sealed class WriteFailureException : RequestException
{
    public WriteFailureException(ConsistencyLevel consistency, int received, int blockFor, int failures, WriteType writeType)
        : this(consistency, received, blockFor, failures, writeType,
            $"Operation failed - received {received} responses and {failures} failures")
    {
    }

    public WriteFailureException(ConsistencyLevel consistency, int received, int blockFor, int failures, WriteType writeType, string message)
        : base(ErrorCode.WriteFailure, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        Failures = failures;
        WriteType = writeType;
    }

    public ConsistencyLevel Consistency { get; }

    public int Received { get; }

    public int BlockFor { get; }

    public int Failures { get; }

    public WriteType WriteType { get; }
}
