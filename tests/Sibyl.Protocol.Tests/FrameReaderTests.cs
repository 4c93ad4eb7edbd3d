using System.Buffers;

namespace Sibyl.Protocol.Tests;

public class FrameReaderTests
{
    private static FrameReadStatus Read(byte[] bytes, out FrameHeader header, out long consumed, int max = 1000) =>
        FrameReader.TryReadFrame(new ReadOnlySequence<byte>(bytes), max, expectResponses: false, out header, out _, out consumed);

    [Fact]
    public void IncompleteHeaderAndBodyConsumeNothing()
    {
        byte[] frame = FrameTestHelper.Encode(new PrepareMessage("SELECT 1"));
        for (int length = 0; length < frame.Length; length++)
        {
            Assert.Equal(FrameReadStatus.Incomplete, Read(frame[..length], out _, out long consumed));
            Assert.Equal(0, consumed);
        }
        Assert.Equal(FrameReadStatus.Frame, Read(frame, out var header, out long all));
        Assert.Equal(frame.Length, all);
        Assert.Equal(Opcode.Prepare, header.Opcode);
    }

    [Fact]
    public void FramesSplitAcrossSegmentsAreRead()
    {
        byte[] frame = FrameTestHelper.Encode(new PrepareMessage("SELECT * FROM somewhere"));
        byte[] twoFrames = [.. frame, .. frame];
        var sequence = SegmentedSequence.Create(twoFrames, 3);
        var status = FrameReader.TryReadFrame(sequence, 1000, false, out var header, out var body, out long consumed);
        Assert.Equal(FrameReadStatus.Frame, status);
        var message = (PrepareMessage)FrameCodec.Decode(header, body, null, 1000);
        Assert.Equal("SELECT * FROM somewhere", message.Query);
        status = FrameReader.TryReadFrame(sequence.Slice(consumed), 1000, false, out header, out body, out _);
        Assert.Equal(FrameReadStatus.Frame, status);
        Assert.Equal("SELECT * FROM somewhere", ((PrepareMessage)FrameCodec.Decode(header, body, null, 1000)).Query);
    }

    [Fact]
    public void TooLargeConsumesOnlyTheHeader()
    {
        byte[] frame = FrameTestHelper.Encode(new PrepareMessage(new string('x', 200)));
        Assert.Equal(FrameReadStatus.TooLarge, Read(frame[..9], out var header, out long consumed, max: 100));
        Assert.Equal(9, consumed);
        Assert.Equal(204, header.Length);
    }

    [Theory]
    [InlineData("050000010500000000", FrameReadStatus.UnsupportedVersion)] // v5
    [InlineData("420000010500000000", FrameReadStatus.UnsupportedVersion)] // DSE v2
    [InlineData("0200010500000000", FrameReadStatus.UnsupportedVersion)]   // v2, 8-byte header
    [InlineData("840000010500000000", FrameReadStatus.InvalidHeader)]     // response bit on a request
    [InlineData("04000001FF00000000", FrameReadStatus.InvalidHeader)]     // unknown opcode
    [InlineData("0400000107FFFFFFFF", FrameReadStatus.InvalidHeader)]     // negative length
    public void BadHeaders(string hex, FrameReadStatus expected)
    {
        byte[] bytes = Convert.FromHexString(hex);
        Assert.Equal(expected, Read(bytes, out var header, out long consumed));
        Assert.Equal(bytes.Length, consumed);
        if (expected == FrameReadStatus.UnsupportedVersion && bytes[0] != 2)
            Assert.Equal(1, header.Stream);
    }
}

internal sealed class SegmentedSequence : ReadOnlySequenceSegment<byte>
{
    private SegmentedSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>A sequence of many small segments, to exercise multi-segment parsing.</summary>
    public static ReadOnlySequence<byte> Create(byte[] data, int segmentSize)
    {
        var first = new SegmentedSequence(data.AsMemory(0, Math.Min(segmentSize, data.Length)), 0);
        var last = first;
        for (int offset = segmentSize; offset < data.Length; offset += segmentSize)
        {
            var next = new SegmentedSequence(data.AsMemory(offset, Math.Min(segmentSize, data.Length - offset)), offset);
            last.Next = next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}

public class LegacyHeaderTests
{
    [Fact]
    public void ErrorForAV2ClientUsesTheEightByteHeader()
    {
        var error = new ErrorMessage(new Sibyl.Common.Errors.ProtocolException(ProtocolVersions.InvalidVersionMessage(2)));
        byte[] frame = FrameTestHelper.Encode(error, version: 2, stream: 5);
        Assert.Equal(Convert.FromHexString("82000500"), frame[..4]);
        Assert.Equal(frame.Length - 8, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(4)));
        Assert.Equal(Convert.FromHexString("0000000A"), frame[8..12]);
    }
}
