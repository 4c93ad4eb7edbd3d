using Sibyl.Common.Errors;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.Tables;

/// <summary>
/// Counts tombstones a read scans and aborts it past tombstone_failure_threshold, as Cassandra's
/// ReadCommand does (the replica answers READ_FAILURE with reason TOMBSTONE_OVERWHELM). A struct passed by
/// reference: one lives on the stack of every read.
/// </summary>
internal struct TombstoneCounter(int failureThreshold, string tableName)
{
    public int Tombstones { get; private set; }

    public int LiveRows { get; set; }

    public void Add(int count, DecoratedKey key)
    {
        if (count == 0) return;
        Tombstones += count;
        if (failureThreshold > 0 && Tombstones > failureThreshold) throw Overwhelmed(key);
    }

    private readonly ReadFailureException Overwhelmed(DecoratedKey key) =>
        new(ConsistencyLevel.One, 0, 1, 1, false,
            $"Operation failed - received 0 responses and 1 failures: READ_TOMBSTONE_OVERWHELM (scanned over {failureThreshold} tombstones during query on {tableName}; last scanned row token was {key.Token} and partition key was ({Convert.ToHexStringLower(key.Key)}); query aborted)");
}
