using Sibyl.Common.Errors;

namespace Sibyl.Protocol.Tests;

public class CompressionTests
{
    public static TheoryData<string> Compressors() => ["lz4", "snappy"];

    [Theory]
    [MemberData(nameof(Compressors))]
    public void RoundTripsBodiesOfManySizes(string name)
    {
        var compressor = FrameCompressors.Find(name)!;
        var random = new Random(3);
        foreach (int size in new[] { 1, 15, 100, 4096, 70_000 })
        {
            var data = new byte[size];
            random.NextBytes(data.AsSpan(0, size / 2)); // half random, half zeros
            var compressed = new byte[compressor.MaxCompressedLength(size)];
            int length = compressor.Compress(data, compressed);
            Assert.Equal(data, compressor.Decompress(compressed.AsSpan(0, length), size));
        }
    }

    [Fact]
    public void Lz4BodyStartsWithBigEndianLength()
    {
        var data = new byte[1000];
        var compressed = new byte[Lz4FrameCompressor.Instance.MaxCompressedLength(data.Length)];
        int length = Lz4FrameCompressor.Instance.Compress(data, compressed);
        Assert.Equal(Convert.FromHexString("000003E8"), compressed[..4]);
        Assert.True(length < 100);
    }

    [Theory]
    [MemberData(nameof(Compressors))]
    public void CorruptInputIsAProtocolError(string name)
    {
        var compressor = FrameCompressors.Find(name)!;
        Assert.Throws<ProtocolException>(() => compressor.Decompress([0, 0, 0, 50, 0xFF, 0xFF, 0x01], 1000));
        Assert.Throws<ProtocolException>(() => compressor.Decompress([0x80], 1000));
    }

    [Fact]
    public void StartupIsNeverCompressed()
    {
        var startup = new StartupMessage(new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0", ["COMPRESSION"] = "lz4" });
        byte[] frame = FrameTestHelper.Encode(startup, compressor: Lz4FrameCompressor.Instance);
        Assert.Equal(0, frame[1]);
        Assert.Equal(frame, FrameTestHelper.Encode(startup));
    }

    [Fact]
    public void CompressedFramesSetTheFlag()
    {
        byte[] frame = FrameTestHelper.Encode(new PrepareMessage(new string('a', 500)), compressor: Lz4FrameCompressor.Instance);
        Assert.Equal(FrameFlags.Compression, (FrameFlags)frame[1]);
        Assert.True(frame.Length < 100);
        Assert.Null(FrameCompressors.Find("zstd"));
        Assert.Same(Lz4FrameCompressor.Instance, FrameCompressors.Find("LZ4"));
    }
}
