namespace Sibyl.Common.Errors;

/// <summary>Replicas answered a read with failures, e.g. too many tombstones (code 0x1300, v4).</summary>
public sealed class ReadFailureException : RequestException
{
    public ReadFailureException(ConsistencyLevel consistency, int received, int blockFor, int failures, bool dataPresent)
        : this(consistency, received, blockFor, failures, dataPresent,
            $"Operation failed - received {received} responses and {failures} failures")
    {
    }

    public ReadFailureException(ConsistencyLevel consistency, int received, int blockFor, int failures, bool dataPresent, string message)
        : base(ErrorCode.ReadFailure, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        Failures = failures;
        DataPresent = dataPresent;
    }

    public ConsistencyLevel Consistency { get; }

    public int Received { get; }

    public int BlockFor { get; }

    public int Failures { get; }

    public bool DataPresent { get; }
}
