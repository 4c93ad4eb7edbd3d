using Sibyl.Cluster;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Coordinator.Batchlog;
using Sibyl.Coordinator.Paxos;
using Sibyl.Cql;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Replica;
using Sibyl.Schema;
using Sibyl.Storage.Tables;

namespace Sibyl.Coordinator;

/// <summary>
/// Executes a statement's writes and reads on the replicas a <see cref="ReplicaPlan"/> names. On a ring of one
/// node every plan's only replica is the local one; remote replicas will be reached through Messaging.
/// </summary>
public sealed partial class StorageProxy : IQueryContext
{
    private readonly SchemaManager _schema;
    private readonly LocalReplica _replica;
    private readonly Func<TokenRing> _ring;

    public StorageProxy(SchemaManager schema, LocalReplica replica, Func<TokenRing> ring, ITimeSource clock, BatchThresholds? batchThresholds = null,
        Failpoints? failpoints = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        BatchThresholds = batchThresholds ?? BatchThresholds.Default;
        _schema = schema;
        _replica = replica;
        _ring = ring;
        _proposer = new PaxosProposer(replica.Paxos, clock);
        _failpoints = failpoints ?? Failpoints.None;
        Batchlog = new BatchlogManager(replica, () => schema.Current, clock, logger);
    }

    private readonly Failpoints _failpoints;

    /// <summary>This coordinator's batch log (logged batches spanning partitions); the node replays it.</summary>
    public BatchlogManager Batchlog { get; }

    /// <summary>
    /// A LOGGED batch over several partitions (Cassandra's mutateAtomically): the batch log entry first, so a
    /// crash part-way is finished by replay; then the mutations; then the entry is removed.
    /// </summary>
    public async ValueTask MutateAtomicallyAsync(IReadOnlyList<Mutation> mutations, ConsistencyLevel consistency, CancellationToken cancellationToken)
    {
        var ring = _ring();
        var schema = _schema.Current;
        // Availability first, as Cassandra checks before writing the log: a refused batch leaves no entry.
        foreach (var mutation in mutations)
        {
            var keyspace = schema.GetKeyspace(mutation.Keyspace) ?? throw new InvalidRequestException($"keyspace {mutation.Keyspace} does not exist");
            ReplicaPlans.ForWrite(ring, keyspace, mutation.Key.Token, consistency, IsAlive);
        }
        var id = await Batchlog.StoreAsync(mutations, cancellationToken).ConfigureAwait(false);
        await _failpoints.HangIfEnabledAsync(Failpoints.BatchlogAfterWrite, cancellationToken).ConfigureAwait(false);
        await MutateAsync(mutations, consistency, cancellationToken).ConfigureAwait(false);
        await Batchlog.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private readonly PaxosProposer _proposer;

    public BatchThresholds BatchThresholds { get; }

    public Guardrails Guardrails { get; init; } = Guardrails.Default;

    public SchemaSnapshot Schema => _schema.Current;

    public IReadOnlyCollection<string> Datacenters => _ring().Datacenters;

    public SchemaSnapshot ChangeSchema(Func<SchemaSnapshot, SchemaSnapshot> transformation) => _schema.Apply(transformation);

    private bool IsLocal(NodeEndpoint node) => node == _ring().Local;

    /// <summary>Liveness as replica plans ask it; one delegate for the proxy's life, not one per request.</summary>
    private Func<NodeEndpoint, bool> IsAlive => _isAlive ??= IsLocal;

    private Func<NodeEndpoint, bool>? _isAlive;

    public async ValueTask MutateAsync(IReadOnlyList<Mutation> mutations, ConsistencyLevel consistency, CancellationToken cancellationToken)
    {
        var ring = _ring();
        var schema = _schema.Current;
        // Plans first: an unavailable replica set refuses the whole request before anything is written.
        var plans = new ReplicaPlan[mutations.Count];
        for (int i = 0; i < mutations.Count; i++)
            plans[i] = WritePlan(ring, schema, mutations[i], consistency);
        for (int i = 0; i < mutations.Count; i++)
            await ApplyAsync(mutations[i], plans[i], ring, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One mutation, as <see cref="MutateAsync(IReadOnlyList{Mutation}, ConsistencyLevel, CancellationToken)"/>
    /// does it, without the list and plan array around it.</summary>
    public ValueTask MutateAsync(Mutation mutation, ConsistencyLevel consistency, CancellationToken cancellationToken)
    {
        var ring = _ring();
        var plan = WritePlan(ring, _schema.Current, mutation, consistency);
        return ApplyAsync(mutation, plan, ring, cancellationToken);
    }

    private async ValueTask ApplyAsync(Mutation mutation, ReplicaPlan plan, TokenRing ring, CancellationToken cancellationToken)
    {
        var contacts = plan.Contacts;
        for (int c = 0; c < contacts.Count; c++)
        {
            if (contacts[c] != ring.Local)
                throw new ServerErrorException("Writes to remote replicas are not available on this node yet");
            await _replica.ApplyAsync(mutation, cancellationToken).ConfigureAwait(false);
        }
    }

    private ReplicaPlan WritePlan(TokenRing ring, SchemaSnapshot schema, Mutation mutation, ConsistencyLevel consistency)
    {
        var keyspace = schema.GetKeyspace(mutation.Keyspace) ?? throw new InvalidRequestException($"keyspace {mutation.Keyspace} does not exist");
        var last = _lastWritePlan;
        if (last is not null && last.Serves(ring, keyspace, consistency)) return last.Plan;
        var plan = ReplicaPlans.ForWrite(ring, keyspace, mutation.Key.Token, consistency, IsAlive);
        if (ring.Nodes.Count == 1) _lastWritePlan = new CachedPlan(ring, keyspace, consistency, plan);
        return plan;
    }

    /// <summary>
    /// The last plan of a kind (read or write). On a ring of one node a keyspace's plan is the same for every
    /// token, so it is reused while the ring, the keyspace's metadata (replication) and the requested consistency
    /// level stay the same: the requested one, as a SERIAL read plans as QUORUM. A plan that throws (ANY,
    /// unavailable) is never stored, so it throws anew on every request.
    /// </summary>
    private sealed record CachedPlan(TokenRing Ring, KeyspaceMetadata Keyspace, ConsistencyLevel Requested, ReplicaPlan Plan)
    {
        public bool Serves(TokenRing ring, KeyspaceMetadata keyspace, ConsistencyLevel requested) =>
            ReferenceEquals(Ring, ring) && ReferenceEquals(Keyspace, keyspace) && Requested == requested;
    }

    private volatile CachedPlan? _lastWritePlan;
    private volatile CachedPlan? _lastReadPlan;

    public ValueTask<IReadOnlyList<PartitionData>> ReadAsync(ReadCommand command, ConsistencyLevel consistency, CancellationToken cancellationToken) =>
        ReadAsync(command, consistency, null, cancellationToken);

    public ValueTask<IReadOnlyList<PartitionData>> ReadAsync(ReadCommand command, ConsistencyLevel consistency, QueryState? state, CancellationToken cancellationToken)
    {
        var schema = _schema.Current;
        var table = schema.GetTable(command.TableId) ?? throw new InvalidRequestException("table does not exist");
        var keyspace = schema.GetKeyspace(table.Keyspace)!;
        var ring = _ring();
        var plan = ReadPlan(ring, keyspace, command, consistency);
        if (!plan.Contacts.Contains(ring.Local))
            throw new ServerErrorException("Reads from remote replicas are not available on this node yet");
        if (consistency is ConsistencyLevel.Serial or ConsistencyLevel.LocalSerial)
            return SerialReadAsync(table, command, consistency, cancellationToken);
        // The replica read is synchronous: one metrics object per thread serves every read on it.
        var metrics = ThreadSpare<ReadMetrics>.Take() ?? new ReadMetrics();
        metrics.Reset();
        IReadOnlyList<PartitionData> result;
        try
        {
            result = _replica.Read(command, metrics);
            if (metrics.Warning is { } warning) state?.Warnings.Add(warning);
        }
        catch (ReadFailureException e) when (e.Consistency != consistency)
        {
            // The replica's failure (too many tombstones) reported at the request's consistency level.
            throw new ReadFailureException(consistency, 0, plan.BlockFor, 1, false, e.Message);
        }
        finally
        {
            ThreadSpare<ReadMetrics>.Give(metrics);
        }
        return ValueTask.FromResult(result);
    }

    private ReplicaPlan ReadPlan(TokenRing ring, KeyspaceMetadata keyspace, ReadCommand command, ConsistencyLevel consistency)
    {
        var last = _lastReadPlan;
        if (last is not null && last.Serves(ring, keyspace, consistency)) return last.Plan;
        var token = command is SinglePartitionReadCommand single ? single.Key.Token : Token.MinValue;
        var plan = ReplicaPlans.ForRead(ring, keyspace, token, consistency, IsAlive);
        if (ring.Nodes.Count == 1) _lastReadPlan = new CachedPlan(ring, keyspace, consistency, plan);
        return plan;
    }

    /// <summary>
    /// A read at SERIAL: a Paxos round that proposes nothing, so any proposal a coordinator left accepted but
    /// uncommitted is finished before the data is read (Cassandra's readWithPaxos).
    /// </summary>
    private async ValueTask<IReadOnlyList<PartitionData>> SerialReadAsync(TableMetadata table, ReadCommand command, ConsistencyLevel consistency, CancellationToken cancellationToken)
    {
        if (command is not SinglePartitionReadCommand single)
            throw new InvalidRequestException("SERIAL/LOCAL_SERIAL consistency may only be requested for one partition at a time");
        var outcome = await CasAsync(table, single, _ => false, _ => [], consistency, ConsistencyLevel.Quorum, cancellationToken).ConfigureAwait(false);
        return outcome.Current;
    }

    public async ValueTask<CasOutcome> CasAsync(TableMetadata table, SinglePartitionReadCommand read, Func<IReadOnlyList<PartitionData>, bool> condition,
        Func<long, IReadOnlyList<Mutation>> update, ConsistencyLevel serialConsistency, ConsistencyLevel commitConsistency, CancellationToken cancellationToken)
    {
        var keyspace = _schema.Current.GetKeyspace(table.Keyspace) ?? throw new InvalidRequestException($"keyspace {table.Keyspace} does not exist");
        var ring = _ring();
        // Paxos needs a quorum of the serial level's replicas; the commit then goes out at the request's level.
        var plan = ReplicaPlans.ForPaxos(ring, keyspace, read.Key.Token, serialConsistency, IsAlive);
        if (commitConsistency != ConsistencyLevel.Any)
            ReplicaPlans.ForWrite(ring, keyspace, read.Key.Token, commitConsistency, IsAlive);
        if (!plan.Contacts.Contains(ring.Local))
            throw new ServerErrorException("Lightweight transactions on remote replicas are not available on this node yet");
        return await _proposer.CasAsync(table, read, r => ValueTask.FromResult(_replica.Read(r)), condition, update, commitConsistency, cancellationToken)
            .ConfigureAwait(false);
    }

    public ValueTask TruncateAsync(TableMetadata table, CancellationToken cancellationToken)
    {
        _replica.Truncate(table.Id);
        return ValueTask.CompletedTask;
    }
}
