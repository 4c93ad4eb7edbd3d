using System.Buffers;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol.Tests;

/// <summary>Truncated, corrupted and random input must end in a ProtocolException, never another exception.</summary>
public class RobustnessTests
{
    private static void DecodeExpectingOnlyProtocolErrors(FrameHeader header, byte[] body, IFrameCompressor? compressor = null)
    {
        try
        {
            FrameCodec.Decode(header with { Length = body.Length }, new ReadOnlySequence<byte>(body), compressor, 1 << 20);
        }
        catch (ProtocolException)
        {
        }
    }

    [Fact]
    public void EveryTruncationOfEveryMessageFailsCleanly()
    {
        foreach (var message in MessageRoundTripTests.AllMessages())
        {
            byte[] frame = FrameTestHelper.Encode(message);
            var header = FrameHeader.Parse(frame);
            byte[] body = FrameTestHelper.Body(frame);
            for (int cut = 0; cut < body.Length; cut++)
                DecodeExpectingOnlyProtocolErrors(header, body[..cut]);
        }
    }

    [Fact]
    public void RandomBytesFailCleanlyForEveryOpcode()
    {
        var random = new Random(20261121);
        foreach (var entry in OpcodeTable.Entries)
        {
            var header = new FrameHeader(ProtocolVersions.V4, FrameFlags.None, 1, entry.Opcode, 0, entry.Direction == MessageDirection.Response);
            for (int i = 0; i < 300; i++)
            {
                var body = new byte[random.Next(0, 64)];
                random.NextBytes(body);
                DecodeExpectingOnlyProtocolErrors(header, body);
                DecodeExpectingOnlyProtocolErrors(header with { Flags = FrameFlags.Compression }, body, Lz4FrameCompressor.Instance);
                DecodeExpectingOnlyProtocolErrors(header with { Flags = FrameFlags.Compression }, body, SnappyFrameCompressor.Instance);
                DecodeExpectingOnlyProtocolErrors(header with { Flags = FrameFlags.Warning | FrameFlags.CustomPayload | FrameFlags.Tracing }, body);
            }
        }
    }

    [Fact]
    public void BitFlipsOfEveryMessageFailCleanly()
    {
        var random = new Random(7);
        foreach (var message in MessageRoundTripTests.AllMessages())
        {
            byte[] frame = FrameTestHelper.Encode(message);
            var header = FrameHeader.Parse(frame);
            byte[] body = FrameTestHelper.Body(frame);
            if (body.Length == 0)
                continue;
            for (int i = 0; i < 50; i++)
            {
                var corrupt = (byte[])body.Clone();
                corrupt[random.Next(corrupt.Length)] ^= (byte)(1 << random.Next(8));
                DecodeExpectingOnlyProtocolErrors(header, corrupt);
            }
        }
    }

    [Fact]
    public void WrongDirectionIsAProtocolError()
    {
        byte[] frame = FrameTestHelper.Encode(new ReadyMessage());
        var header = FrameHeader.Parse(frame) with { IsResponse = false };
        var error = Assert.Throws<ProtocolException>(() => FrameCodec.Decode(header, ReadOnlySequence<byte>.Empty, null, 100));
        Assert.Contains("Wrong protocol direction", error.Message);
    }

    [Fact]
    public void CompressedBodyWithoutCompressorIsAProtocolError()
    {
        byte[] frame = FrameTestHelper.Encode(new PrepareMessage("SELECT 1"), compressor: Lz4FrameCompressor.Instance);
        Assert.Throws<ProtocolException>(() => FrameTestHelper.Decode(frame));
    }

    [Fact]
    public void DecompressionBombIsRejected()
    {
        byte[] frame = FrameTestHelper.Encode(new PrepareMessage(new string('x', 10_000)), compressor: Lz4FrameCompressor.Instance);
        var header = FrameHeader.Parse(frame);
        var body = new ReadOnlySequence<byte>(FrameTestHelper.Body(frame));
        Assert.Throws<ProtocolException>(() => FrameCodec.Decode(header, body, Lz4FrameCompressor.Instance, 1000));
        frame = FrameTestHelper.Encode(new PrepareMessage(new string('x', 10_000)), compressor: SnappyFrameCompressor.Instance);
        body = new ReadOnlySequence<byte>(FrameTestHelper.Body(frame));
        Assert.Throws<ProtocolException>(() => FrameCodec.Decode(FrameHeader.Parse(frame), body, SnappyFrameCompressor.Instance, 1000));
    }
}
