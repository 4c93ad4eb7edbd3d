using System.Buffers.Binary;
using System.Globalization;
using Sibyl.Common.Hashing;

namespace Sibyl.Storage.CommitLog;

/// <summary>
/// The on-disk framing of commit log segments (docs/formats/commitlog.md): a 20-byte header, then records
/// [int length][int CRC32C of the length bytes][payload][int CRC32C of the payload], big-endian. A zero
/// length ends the segment. Every number here is frozen by the golden test.
/// </summary>
public static class CommitLogFormat
{
    /// <summary>"SBCL": the first four bytes of every segment.</summary>
    public const int Magic = 0x5342434C;

    /// <summary>The segment format version, also the &lt;version&gt; in CommitLog-&lt;version&gt;-&lt;id&gt;.log.</summary>
    public const int Version = 1;

    public const int HeaderSize = 20;

    /// <summary>Length and its CRC before the payload, the payload's CRC after it.</summary>
    public const int RecordOverhead = 12;

    private const string Prefix = "CommitLog-";
    private const string Suffix = ".log";

    public static string SegmentFileName(long segmentId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Version}-{segmentId}{Suffix}");

    /// <summary>Parses CommitLog-&lt;version&gt;-&lt;id&gt;.log; false for any other file name.</summary>
    public static bool TryParseSegmentFileName(string name, out int version, out long segmentId)
    {
        version = 0;
        segmentId = 0;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Suffix, StringComparison.Ordinal)) return false;
        var middle = name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Suffix.Length);
        int dash = middle.IndexOf('-');
        return dash > 0
            && int.TryParse(middle[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && long.TryParse(middle[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out segmentId);
    }

    public static void WriteHeader(Span<byte> destination, long segmentId)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, Magic);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], Version);
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], segmentId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], Crc32C.Compute(destination[..16]));
    }

    /// <summary>Checks magic, version and CRC; returns the segment id the header names.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> source, out long segmentId)
    {
        segmentId = 0;
        if (source.Length < HeaderSize) return false;
        if (BinaryPrimitives.ReadInt32BigEndian(source) != Magic) return false;
        if (BinaryPrimitives.ReadInt32BigEndian(source[4..]) != Version) return false;
        if (BinaryPrimitives.ReadUInt32BigEndian(source[16..]) != Crc32C.Compute(source[..16])) return false;
        segmentId = BinaryPrimitives.ReadInt64BigEndian(source[8..]);
        return true;
    }

    /// <summary>Writes the length and its CRC in front of a payload already in place at destination[8..].</summary>
    public static void FrameRecord(Span<byte> record)
    {
        int payloadLength = record.Length - RecordOverhead;
        BinaryPrimitives.WriteInt32BigEndian(record, payloadLength);
        BinaryPrimitives.WriteUInt32BigEndian(record[4..], Crc32C.Compute(record[..4]));
        BinaryPrimitives.WriteUInt32BigEndian(record[(8 + payloadLength)..], Crc32C.Compute(record.Slice(8, payloadLength)));
    }
}
