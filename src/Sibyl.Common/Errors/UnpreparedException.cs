namespace Sibyl.Common.Errors;

/// <summary>EXECUTE of a prepared id this node does not know (code 0x2500); the driver re-prepares on it.</summary>
public sealed class UnpreparedException : RequestException
{
    public UnpreparedException(byte[] id)
        : this(id, $"Prepared query with ID {Convert.ToHexStringLower(id)} not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it has been evicted from the internal cache)")
    {
    }

    public UnpreparedException(byte[] id, string message) : base(ErrorCode.Unprepared, message) => Id = id;

    public byte[] Id { get; }
}
