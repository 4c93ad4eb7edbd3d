using Sibyl.Data.Model;

namespace Sibyl.Storage;

/// <summary>
/// What a replica asks of local storage. Knows tables only by id and clustering order: nothing of CQL,
/// the network or the ring.
/// </summary>
public interface IReplicaStore
{
    /// <summary>Makes a table known to the store (idempotent; called at start-up and on CREATE TABLE).</summary>
    void CreateTable(Guid tableId, ClusteringComparator comparator);

    /// <summary>Forgets a table and its data (DROP TABLE, DROP KEYSPACE).</summary>
    void DropTable(Guid tableId);

    /// <summary>Removes every row of a table (TRUNCATE).</summary>
    void Truncate(Guid tableId);

    /// <summary>Applies a mutation atomically per partition; returns once it is as durable as configured.</summary>
    ValueTask ApplyAsync(Mutation mutation, CancellationToken cancellationToken = default);

    /// <summary>Executes a read; partitions come back in token order, rows in the order asked for.</summary>
    /// <paramref name="metrics"/>, when given, receives what the read scanned (tombstones and their warning).
    IReadOnlyList<PartitionData> Read(ReadCommand command, Tables.ReadMetrics? metrics = null);
}
