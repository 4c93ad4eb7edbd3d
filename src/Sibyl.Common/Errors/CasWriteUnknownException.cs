namespace Sibyl.Common.Errors;

/// <summary>A Paxos write whose outcome is unknown (code 0x1700, defined from protocol v5 on).</summary>
public sealed class CasWriteUnknownException : RequestException
{
    public CasWriteUnknownException(ConsistencyLevel consistency, int received, int blockFor)
        : this(consistency, received, blockFor,
            $"CAS operation result is unknown - proposal accepted by {received} but not a quorum.")
    {
    }

    public CasWriteUnknownException(ConsistencyLevel consistency, int received, int blockFor, string message)
        : base(ErrorCode.CasWriteUnknown, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
    }

    public ConsistencyLevel Consistency { get; }

    public int Received { get; }

    public int BlockFor { get; }
}
