using Sibyl.Common.Errors;
using Sibyl.Data.Model;

namespace Sibyl.Coordinator;

/// <summary>Counter writes: Cassandra's StorageProxy.mutateCounter.</summary>
public sealed partial class StorageProxy
{
    /// <summary>
    /// Each counter mutation goes to one leader replica of its partition (this node when it is a replica), which
    /// applies the increments under its partition lock and writes the resulting shards. Consistency levels are
    /// checked (Cassandra's validateCounterForWrite) and every plan is made before anything is written.
    /// </summary>
    public async ValueTask MutateCountersAsync(IReadOnlyList<Mutation> mutations, ConsistencyLevel consistency, CancellationToken cancellationToken)
    {
        var ring = _ring();
        var schema = _schema.Current;
        var plans = new ReplicaPlan[mutations.Count];
        for (int i = 0; i < mutations.Count; i++)
        {
            var mutation = mutations[i];
            foreach (var update in mutation.Updates)
            {
                string table = schema.GetTable(update.TableId)?.Name ?? throw new InvalidRequestException("table does not exist");
                if (consistency == ConsistencyLevel.Any)
                    throw new InvalidRequestException($"Consistency level ANY is not yet supported for counter table {table}");
                if (consistency is ConsistencyLevel.Serial or ConsistencyLevel.LocalSerial)
                    throw new InvalidRequestException("Counter operations are inherently non-serializable");
            }
            var keyspace = schema.GetKeyspace(mutation.Keyspace) ?? throw new InvalidRequestException($"keyspace {mutation.Keyspace} does not exist");
            plans[i] = ReplicaPlans.ForWrite(ring, keyspace, mutation.Key.Token, consistency, IsAlive);
        }
        int nowInSeconds = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (int i = 0; i < mutations.Count; i++)
        {
            // The leader must be a live replica; Cassandra prefers the local node, then the closest replica.
            if (!plans[i].Contacts.Contains(ring.Local))
                throw new ServerErrorException("Counter writes led by a remote replica are not available on this node yet");
            await _replica.Counters.ApplyAsync(mutations[i], nowInSeconds, cancellationToken).ConfigureAwait(false);
            // On a ring of one the leader is the only replica; a cluster sends the applied shards to the others here.
        }
    }
}
