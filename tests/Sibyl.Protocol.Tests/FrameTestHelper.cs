using System.Buffers;

namespace Sibyl.Protocol.Tests;

internal static class FrameTestHelper
{
    public static byte[] Encode(Message message, byte version = ProtocolVersions.V4, short stream = 0, IFrameCompressor? compressor = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        int written = FrameCodec.Write(buffer, message, version, stream, compressor);
        Assert.Equal(buffer.WrittenCount, written);
        return buffer.WrittenSpan.ToArray();
    }

    public static (FrameHeader Header, Message Message) Decode(byte[] frame, IFrameCompressor? compressor = null)
    {
        var sequence = new ReadOnlySequence<byte>(frame);
        bool response = (frame[0] & 0x80) != 0;
        var status = FrameReader.TryReadFrame(sequence, int.MaxValue, response, out var header, out var body, out long consumed);
        Assert.Equal(FrameReadStatus.Frame, status);
        Assert.Equal(frame.Length, consumed);
        return (header, FrameCodec.Decode(header, body, compressor, int.MaxValue));
    }

    /// <summary>Encodes, decodes, re-encodes: the two encodings must be byte-identical. Returns the decoded message.</summary>
    public static T RoundTrip<T>(T message, byte version = ProtocolVersions.V4, IFrameCompressor? compressor = null) where T : Message
    {
        byte[] first = Encode(message, version, 7, compressor);
        var (header, decoded) = Decode(first, compressor);
        Assert.Equal(message.Opcode, header.Opcode);
        Assert.Equal((short)7, header.Stream);
        Assert.Equal(message.GetType(), decoded.GetType());
        var typed = (T)decoded;
        byte[] second = Encode(typed, version, 7, compressor);
        Assert.Equal(first, second);
        return typed;
    }

    /// <summary>The body bytes of an uncompressed frame.</summary>
    public static byte[] Body(byte[] frame) => frame[FrameHeader.Size..];
}
