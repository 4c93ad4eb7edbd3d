using System.Globalization;
using System.Text;

namespace Sibyl.Storage.CommitLog;

/// <summary>
/// Per table, the commit log position up to which its data is flushed (or truncated away): replay skips
/// that table's records ending at or before it, even in segments other tables keep alive. Stored as text
/// lines "&lt;table id&gt; &lt;segment id&gt; &lt;offset&gt;" in flushed-positions.txt, replaced atomically.
/// Not thread-safe: the commit log guards it.
/// </summary>
internal sealed class FlushedPositions
{
    public const string FileName = "flushed-positions.txt";

    private readonly Dictionary<Guid, CommitLogPosition> _positions = [];

    public static FlushedPositions Load(ICommitLogDirectory directory)
    {
        var result = new FlushedPositions();
        if (!directory.List().Contains(FileName)) return result;
        string text = Encoding.UTF8.GetString(directory.ReadAll(FileName));
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3
                || !Guid.TryParse(parts[0], out var table)
                || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long segment)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int offset))
                throw new InvalidDataException($"Malformed line in {directory.Describe(FileName)}: '{line}'");
            result._positions[table] = new CommitLogPosition(segment, offset);
        }
        return result;
    }

    /// <summary>The highest segment id named, so new segment ids never fall below a recorded position.</summary>
    public long MaxSegmentId => _positions.Count == 0 ? 0 : _positions.Values.Max(p => p.SegmentId);

    /// <summary>Whether a record of <paramref name="tableId"/> ending at <paramref name="end"/> is already flushed.</summary>
    public bool Covers(Guid tableId, CommitLogPosition end) =>
        _positions.TryGetValue(tableId, out var flushed) && end <= flushed;

    /// <summary>Raises the table's position; false when it already was at least that high.</summary>
    public bool Advance(Guid tableId, CommitLogPosition upTo)
    {
        if (_positions.TryGetValue(tableId, out var current) && current >= upTo) return false;
        _positions[tableId] = upTo;
        return true;
    }

    public bool Remove(Guid tableId) => _positions.Remove(tableId);

    public void Save(ICommitLogDirectory directory)
    {
        var sb = new StringBuilder();
        foreach (var (table, position) in _positions)
            sb.Append(CultureInfo.InvariantCulture, $"{table:D} {position.SegmentId} {position.Offset}\n");
        directory.WriteAtomic(FileName, Encoding.UTF8.GetBytes(sb.ToString()));
    }
}
