using System.Buffers;

namespace Sibyl.Protocol;

/// <summary>Splits a byte stream into envelopes without copying; the caller owns buffering and the socket.</summary>
public static class FrameReader
{
    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/>. <paramref name="consumed"/> is the number of
    /// bytes the caller may advance past (0 when <see cref="FrameReadStatus.Incomplete"/>); <paramref name="body"/>
    /// is a slice of <paramref name="buffer"/>, valid until the caller advances.
    /// </summary>
    public static FrameReadStatus TryReadFrame(in ReadOnlySequence<byte> buffer, int maxFrameLength, bool expectResponses,
        out FrameHeader header, out ReadOnlySequence<byte> body, out long consumed)
    {
        header = default;
        body = default;
        consumed = 0;
        if (buffer.Length < 1)
            return FrameReadStatus.Incomplete;

        byte first = buffer.FirstSpan[0];
        int headerSize = FrameHeader.SizeOf((byte)(first & 0x7F));
        if (buffer.Length < headerSize)
            return FrameReadStatus.Incomplete;

        Span<byte> headerBytes = stackalloc byte[FrameHeader.Size];
        buffer.Slice(0, headerSize).CopyTo(headerBytes);
        header = FrameHeader.Parse(headerBytes);

        if (!ProtocolVersions.IsSupported(header.Version))
        {
            consumed = headerSize;
            return FrameReadStatus.UnsupportedVersion;
        }
        if (header.IsResponse != expectResponses || header.Length < 0 || !OpcodeTable.IsKnown(header.Opcode))
        {
            consumed = headerSize;
            return FrameReadStatus.InvalidHeader;
        }
        // Like Cassandra, the limit applies to the whole frame, header included.
        if ((long)header.Length + headerSize > maxFrameLength)
        {
            consumed = headerSize;
            return FrameReadStatus.TooLarge;
        }
        if (buffer.Length - headerSize < header.Length)
            return FrameReadStatus.Incomplete;

        body = buffer.Slice(headerSize, header.Length);
        consumed = headerSize + (long)header.Length;
        return FrameReadStatus.Frame;
    }
}
