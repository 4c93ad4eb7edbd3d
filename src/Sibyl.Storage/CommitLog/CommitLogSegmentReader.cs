using System.Buffers.Binary;
using Sibyl.Common.Hashing;

namespace Sibyl.Storage.CommitLog;

/// <summary>
/// Walks the records of one segment's bytes, verifying every CRC. Stops at the end of the written data
/// (a zero length followed by nothing but zeros) or at the first record that is torn or corrupt; then
/// <see cref="SkippedBytes"/> says how much of the file was not replayed.
/// </summary>
public sealed class CommitLogSegmentReader
{
    private readonly byte[] _data;

    public CommitLogSegmentReader(byte[] data)
    {
        _data = data;
        HeaderValid = CommitLogFormat.TryReadHeader(data, out long id);
        SegmentId = id;
        Offset = HeaderValid ? CommitLogFormat.HeaderSize : 0;
        if (!HeaderValid) Stop(corrupt: data.AsSpan().ContainsAnyExcept((byte)0));
    }

    public bool HeaderValid { get; }
    public long SegmentId { get; }

    /// <summary>Where the next record starts, or where reading stopped.</summary>
    public int Offset { get; private set; }

    public bool Finished { get; private set; }

    /// <summary>True when reading stopped on damaged data rather than at a clean end.</summary>
    public bool IsCorrupt { get; private set; }

    /// <summary>Bytes from the stop point to the end of the file that held data but were not read.</summary>
    public int SkippedBytes => IsCorrupt ? _data.Length - Offset : 0;

    /// <summary>The next intact record's payload and the offset just past it; false at the end or on damage.</summary>
    public bool TryReadNext(out ReadOnlyMemory<byte> payload, out int endOffset)
    {
        payload = default;
        endOffset = Offset;
        if (Finished) return false;
        var rest = _data.AsSpan(Offset);
        if (rest.Length < 8)
        {
            Stop(corrupt: rest.ContainsAnyExcept((byte)0));
            return false;
        }
        int length = BinaryPrimitives.ReadInt32BigEndian(rest);
        uint lengthCrc = BinaryPrimitives.ReadUInt32BigEndian(rest[4..]);
        if (length == 0 && lengthCrc == 0)
        {
            // End of the written data; anything non-zero after it was written past a record that never landed.
            Stop(corrupt: rest.ContainsAnyExcept((byte)0));
            return false;
        }
        if (lengthCrc != Crc32C.Compute(rest[..4]) || length <= 0 || length > rest.Length - CommitLogFormat.RecordOverhead)
        {
            Stop(corrupt: true);
            return false;
        }
        uint payloadCrc = BinaryPrimitives.ReadUInt32BigEndian(rest[(8 + length)..]);
        if (payloadCrc != Crc32C.Compute(rest.Slice(8, length)))
        {
            Stop(corrupt: true);
            return false;
        }
        payload = _data.AsMemory(Offset + 8, length);
        Offset += length + CommitLogFormat.RecordOverhead;
        endOffset = Offset;
        return true;
    }

    /// <summary>Stops at the current record: its payload was intact but could not be understood.</summary>
    public void MarkCorrupt(int recordStart)
    {
        Offset = recordStart;
        Stop(corrupt: true);
    }

    private void Stop(bool corrupt)
    {
        Finished = true;
        IsCorrupt = corrupt;
    }
}
