using IronSnappy;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>Snappy body compression (a raw Snappy block, as Cassandra's v4 envelope uses it), via IronSnappy.</summary>
public sealed class SnappyFrameCompressor : IFrameCompressor
{
    public static readonly SnappyFrameCompressor Instance = new();

    public string Name => "snappy";

    // Snappy's documented worst case: 32 + n + n/6.
    public int MaxCompressedLength(int length) => 32 + length + length / 6;

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        byte[] encoded = Snappy.Encode(source);
        encoded.CopyTo(destination);
        return encoded.Length;
    }

    public byte[] Decompress(ReadOnlySpan<byte> source, int maxLength)
    {
        // Check the declared length (a varint prefix) before IronSnappy allocates for it.
        long declared = 0;
        int shift = 0, i = 0;
        while (true)
        {
            if (i >= source.Length || shift > 28)
                throw new ProtocolException("Corrupt Snappy compressed body");
            byte b = source[i++];
            declared |= (long)(b & 0x7F) << shift;
            if (b < 0x80)
                break;
            shift += 7;
        }
        if (declared > maxLength)
            throw new ProtocolException($"Decompressed body of {declared} bytes exceeds the maximum {maxLength}");
        byte[] decoded;
        try
        {
            decoded = Snappy.Decode(source);
        }
        catch (Exception e) when (e is not ProtocolException)
        {
            throw new ProtocolException("Corrupt Snappy compressed body", e);
        }
        if (decoded.Length > maxLength)
            throw new ProtocolException($"Decompressed body of {decoded.Length} bytes exceeds the maximum {maxLength}");
        return decoded;
    }
}
