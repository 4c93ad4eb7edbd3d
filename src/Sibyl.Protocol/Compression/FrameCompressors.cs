namespace Sibyl.Protocol;

/// <summary>The compressions this node offers, by STARTUP option name.</summary>
public static class FrameCompressors
{
    /// <summary>Names for SUPPORTED's COMPRESSION entry, preferred first.</summary>
    public static readonly IReadOnlyList<string> Names = ["lz4", "snappy"];

    /// <summary>The compressor for a STARTUP COMPRESSION value (case-insensitive, as Cassandra), or null if unknown.</summary>
    public static IFrameCompressor? Find(string name) =>
        name.ToLowerInvariant() switch
        {
            "lz4" => Lz4FrameCompressor.Instance,
            "snappy" => SnappyFrameCompressor.Instance,
            _ => null,
        };
}
