using Sibyl.Common.Errors;
using Sibyl.Data.Model;
using Sibyl.Schema;

namespace Sibyl.Cql;

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

    ValueTask<IReadOnlyList<PartitionData>> ReadAsync(ReadCommand command, ConsistencyLevel consistency, CancellationToken cancellationToken);

    /// <summary>A read whose warnings (too many tombstones scanned) are added to the request's warnings.</summary>
    ValueTask<IReadOnlyList<PartitionData>> ReadAsync(ReadCommand command, ConsistencyLevel consistency, QueryState? state, CancellationToken cancellationToken) =>
        ReadAsync(command, consistency, cancellationToken);

    ValueTask TruncateAsync(TableMetadata table, CancellationToken cancellationToken);

    /// <summary>Datacenters known to the ring, for NetworkTopologyStrategy validation.</summary>
    IReadOnlyCollection<string> Datacenters { get; }
}
