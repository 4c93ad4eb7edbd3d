namespace Sibyl.Common.Errors;

/// <summary>Replicas did not answer a read in time (code 0x1200).</summary>
public sealed class ReadTimeoutException : RequestException
{
    public ReadTimeoutException(ConsistencyLevel consistency, int received, int blockFor, bool dataPresent)
        : this(consistency, received, blockFor, dataPresent,
            $"Operation timed out - received only {received} responses.")
    {
    }

    public ReadTimeoutException(ConsistencyLevel consistency, int received, int blockFor, bool dataPresent, string message)
        : base(ErrorCode.ReadTimeout, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        DataPresent = dataPresent;
    }

    public ConsistencyLevel Consistency { get; }

    public int Received { get; }

    public int BlockFor { get; }

    public bool DataPresent { get; }
}
