namespace Sibyl.Protocol;

/// <summary>A body compression negotiated by STARTUP's COMPRESSION option.</summary>
public interface IFrameCompressor
{
    /// <summary>The STARTUP option value ("lz4", "snappy").</summary>
    string Name { get; }

    /// <summary>Upper bound of the compressed size of <paramref name="length"/> bytes.</summary>
    int MaxCompressedLength(int length);

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    int Compress(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>Decompresses a whole body. Throws <see cref="Sibyl.Common.Errors.ProtocolException"/> on corrupt input
    /// or when the result would exceed <paramref name="maxLength"/>.</summary>
    byte[] Decompress(ReadOnlySpan<byte> source, int maxLength);
}
