using System.Buffers.Binary;
using Sibyl.Common.Hashing;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// The envelope of the small components read whole at open (Summary, Filter, Statistics): a 4-byte magic,
/// a 2-byte format version, the body, then the CRC32C of everything before it.
/// </summary>
internal static class ComponentFile
{
    public const short FormatVersion = 1;

    public const uint DataMagic = 0x53424441;       // "SBDA"
    public const uint IndexMagic = 0x53424958;      // "SBIX"
    public const uint SummaryMagic = 0x5342534D;    // "SBSM"
    public const uint FilterMagic = 0x53424246;     // "SBBF"
    public const uint StatisticsMagic = 0x53425354; // "SBST"

    public const int PreambleSize = 6;

    public static void WritePreamble(ByteWriter w, uint magic)
    {
        w.WriteUInt32(magic);
        w.WriteInt16(FormatVersion);
    }

    public static void CheckPreamble(ReadOnlySpan<byte> data, uint magic, string path)
    {
        if (data.Length < PreambleSize || BinaryPrimitives.ReadUInt32BigEndian(data) != magic)
            throw new CorruptSSTableException(path, "bad magic number");
        short version = BinaryPrimitives.ReadInt16BigEndian(data[4..]);
        if (version != FormatVersion)
            throw new CorruptSSTableException(path, $"unsupported format version {version}");
    }

    /// <summary>Appends the checksum and writes the file durably.</summary>
    public static void WriteChecksummed(string path, ByteWriter w)
    {
        w.WriteUInt32(Crc32C.Compute(w.WrittenSpan));
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        stream.Write(w.WrittenSpan);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads a whole component, verifies magic, version and checksum; returns the body reader start.</summary>
    public static byte[] ReadChecksummed(string path, uint magic)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException e)
        {
            throw new CorruptSSTableException(path, "missing component", e);
        }
        if (data.Length < PreambleSize + 4) throw new CorruptSSTableException(path, "file too short");
        uint expected = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(data.Length - 4));
        if (Crc32C.Compute(data.AsSpan(0, data.Length - 4)) != expected)
            throw new CorruptSSTableException(path, "checksum mismatch");
        CheckPreamble(data, magic, path);
        return data;
    }
}
