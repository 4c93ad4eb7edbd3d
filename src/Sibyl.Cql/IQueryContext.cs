using Sibyl.Common.Errors;
using Sibyl.Data.Model;
using Sibyl.Schema;

namespace Sibyl.Cql;

/// <summary>Cassandra's batch guard rails (cassandra.yaml batch_size_* and unlogged_batch_across_partitions_warn_threshold).</summary>
public sealed record BatchThresholds(long WarnBytes, long FailBytes, int UnloggedPartitionsWarn)
{
    public static readonly BatchThresholds Default = new(5 * 1024, 50 * 1024, 10);
}

/// <summary>What a lightweight transaction decided, and the data its condition saw.</summary>
public sealed record CasOutcome(bool Applied, IReadOnlyList<PartitionData> Current);

/// <summary>
/// What a prepared statement needs from the node to execute: the schema, and writes and reads at a
/// consistency level. The coordinator implements it; statements never see replicas or the network.
/// </summary>
public interface IQueryContext
{
    SchemaSnapshot Schema { get; }

    /// <summary>Applies a schema change and waits until this node uses it.</summary>
    SchemaSnapshot ChangeSchema(Func<SchemaSnapshot, SchemaSnapshot> transformation);

    ValueTask MutateAsync(IReadOnlyList<Mutation> mutations, ConsistencyLevel consistency, CancellationToken cancellationToken);

    /// <summary>One mutation (the common single-partition write); contexts without a cheaper way wrap it in a list.</summary>
    ValueTask MutateAsync(Mutation mutation, ConsistencyLevel consistency, CancellationToken cancellationToken) =>
        MutateAsync([mutation], consistency, cancellationToken);

    /// <summary>
    /// Applies a LOGGED batch's mutations (several partitions) atomically through the batch log. Contexts
    /// without a batch log (test doubles) apply them directly.
    /// </summary>
    ValueTask MutateAtomicallyAsync(IReadOnlyList<Mutation> mutations, ConsistencyLevel consistency, CancellationToken cancellationToken) =>
        MutateAsync(mutations, consistency, cancellationToken);

    ValueTask<IReadOnlyList<PartitionData>> ReadAsync(ReadCommand command, ConsistencyLevel consistency, CancellationToken cancellationToken);

    /// <summary>A read whose warnings (too many tombstones scanned) are added to the request's warnings.</summary>
    ValueTask<IReadOnlyList<PartitionData>> ReadAsync(ReadCommand command, ConsistencyLevel consistency, QueryState? state, CancellationToken cancellationToken) =>
        ReadAsync(command, consistency, cancellationToken);

    ValueTask TruncateAsync(TableMetadata table, CancellationToken cancellationToken);

    /// <summary>
    /// Applies mutations of counter tables (Cassandra's CounterMutation): each is sent to a leader replica that
    /// turns the counter update cells into its new shard values and writes them to all replicas.
    /// </summary>
    ValueTask MutateCountersAsync(IReadOnlyList<Mutation> mutations, ConsistencyLevel consistency, CancellationToken cancellationToken) =>
        throw new InvalidRequestException("Counter updates are not supported here");

    /// <summary>
    /// A lightweight transaction on one partition through Paxos: reads the current data with <paramref name="read"/>,
    /// and if <paramref name="condition"/> holds, commits the mutations <paramref name="update"/> builds with the
    /// ballot's timestamp (microseconds). Returns whether it applied and the data the condition was checked on.
    /// </summary>
    ValueTask<CasOutcome> CasAsync(TableMetadata table, SinglePartitionReadCommand read, Func<IReadOnlyList<PartitionData>, bool> condition,
        Func<long, IReadOnlyList<Mutation>> update, ConsistencyLevel serialConsistency, ConsistencyLevel commitConsistency, CancellationToken cancellationToken) =>
        throw new InvalidRequestException("Conditional statements (lightweight transactions with IF) are not supported here");

    /// <summary>batch_size_warn_threshold, batch_size_fail_threshold and the unlogged-batch partition warning.</summary>
    BatchThresholds BatchThresholds => BatchThresholds.Default;

    /// <summary>The configured guardrails (compact_tables_enabled ...).</summary>
    Guardrails Guardrails => Guardrails.Default;

    /// <summary>Datacenters known to the ring, for NetworkTopologyStrategy validation.</summary>
    IReadOnlyCollection<string> Datacenters { get; }
}
