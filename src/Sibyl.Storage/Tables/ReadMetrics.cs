namespace Sibyl.Storage.Tables;

/// <summary>
/// What one read met on its way, filled by <see cref="TableStore.Read(Sibyl.Data.Model.ReadCommand, ReadMetrics?)"/>:
/// the coordinator turns <see cref="Warning"/> into a protocol warning (tombstone_warn_threshold).
/// </summary>
public sealed class ReadMetrics
{
    public int TombstonesScanned { get; internal set; }

    public int LiveRowsRead { get; internal set; }

    /// <summary>SSTables whose data the read consulted (after bloom filter and range checks).</summary>
    public int SSTablesRead { get; internal set; }

    /// <summary>Cassandra's warning text when the read scanned more than tombstone_warn_threshold tombstones.</summary>
    public string? Warning { get; internal set; }

    /// <summary>Back to a new instance's state, so a caller may keep one for many reads.</summary>
    public void Reset()
    {
        TombstonesScanned = 0;
        LiveRowsRead = 0;
        SSTablesRead = 0;
        Warning = null;
    }
}
