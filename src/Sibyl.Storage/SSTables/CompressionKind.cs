namespace Sibyl.Storage.SSTables;

/// <summary>How a data block's payload is stored; the byte value is written in each block header.</summary>
public enum CompressionKind : byte
{
    None = 0,
    Lz4 = 1,
}
