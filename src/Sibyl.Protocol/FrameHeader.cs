using System.Buffers.Binary;

namespace Sibyl.Protocol;

/// <summary>
/// The 9-byte v3/v4 envelope header: version (0x80 set on responses), flags, [short] stream, opcode, [int] length.
/// v1/v2 used an 8-byte header with a one-byte stream; it is parsed only to answer in that version.
/// </summary>
public readonly record struct FrameHeader(byte Version, FrameFlags Flags, short Stream, Opcode Opcode, int Length, bool IsResponse = false)
{
    public const int Size = 9;
    public const int LegacySize = 8;
    public const byte ResponseBit = 0x80;

    /// <summary>Header size of a version: 8 bytes before v3, 9 from v3 on.</summary>
    public static int SizeOf(byte version) => version < ProtocolVersions.V3 ? LegacySize : Size;

    public void Write(Span<byte> destination)
    {
        byte version = (byte)(Version | (IsResponse ? ResponseBit : 0));
        destination[0] = version;
        destination[1] = (byte)Flags;
        if (Version < ProtocolVersions.V3)
        {
            destination[2] = (byte)Stream;
            destination[3] = (byte)Opcode;
            BinaryPrimitives.WriteInt32BigEndian(destination[4..], Length);
            return;
        }
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], Stream);
        destination[4] = (byte)Opcode;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], Length);
    }

    /// <summary>Parses a header of the layout its version byte implies; <paramref name="source"/> must hold <see cref="SizeOf"/> bytes.</summary>
    public static FrameHeader Parse(ReadOnlySpan<byte> source)
    {
        byte version = (byte)(source[0] & 0x7F);
        bool response = (source[0] & ResponseBit) != 0;
        if (version < ProtocolVersions.V3)
            return new FrameHeader(version, (FrameFlags)source[1], (sbyte)source[2], (Opcode)source[3],
                BinaryPrimitives.ReadInt32BigEndian(source[4..]), response);
        return new FrameHeader(version, (FrameFlags)source[1], BinaryPrimitives.ReadInt16BigEndian(source[2..]),
            (Opcode)source[4], BinaryPrimitives.ReadInt32BigEndian(source[5..]), response);
    }
}
