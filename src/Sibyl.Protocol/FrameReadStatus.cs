namespace Sibyl.Protocol;

/// <summary>What <see cref="FrameReader.TryReadFrame"/> found at the start of the buffer.</summary>
public enum FrameReadStatus
{
    /// <summary>Not enough bytes for a header, or for the body; nothing consumed.</summary>
    Incomplete,

    /// <summary>A whole frame of a supported version; header and body returned, both consumed.</summary>
    Frame,

    /// <summary>
    /// The header announces a frame longer than the maximum. Only the header is consumed; the caller discards
    /// <see cref="FrameHeader.Length"/> further bytes and answers an error on the stream (Cassandra: Invalid).
    /// </summary>
    TooLarge,

    /// <summary>The version is not one this node speaks (header consumed); answer and close, as Cassandra does.</summary>
    UnsupportedVersion,

    /// <summary>The header cannot be trusted (negative length, unknown opcode, response bit); answer and close.</summary>
    InvalidHeader,
}
