using Sibyl.Cluster;
using Sibyl.Common.Errors;
using Sibyl.Data.Partitioning;
using Sibyl.Schema;

namespace Sibyl.Coordinator;

/// <summary>Builds replica plans: replicas from the ring, block-for from the consistency level and replication.</summary>
public static class ReplicaPlans
{
    public static ReplicaPlan ForWrite(TokenRing ring, KeyspaceMetadata keyspace, Token token, ConsistencyLevel consistency, Func<NodeEndpoint, bool> isAlive)
    {
        if (consistency is ConsistencyLevel.Serial or ConsistencyLevel.LocalSerial)
            throw new InvalidRequestException("You must use conditional updates for serializable writes");
        return Plan(ring, keyspace, token, consistency, isAlive, isWrite: true);
    }

    public static ReplicaPlan ForRead(TokenRing ring, KeyspaceMetadata keyspace, Token token, ConsistencyLevel consistency, Func<NodeEndpoint, bool> isAlive)
    {
        if (consistency == ConsistencyLevel.Any)
            throw new InvalidRequestException("ANY ConsistencyLevel is only supported for writes");
        // Without lightweight transactions in flight a serial read sees exactly what a quorum read sees.
        if (consistency == ConsistencyLevel.Serial) consistency = ConsistencyLevel.Quorum;
        if (consistency == ConsistencyLevel.LocalSerial) consistency = ConsistencyLevel.LocalQuorum;
        return Plan(ring, keyspace, token, consistency, isAlive, isWrite: false);
    }

    /// <summary>The replicas Paxos rounds need: a quorum (SERIAL) or a local quorum (LOCAL_SERIAL).</summary>
    public static ReplicaPlan ForPaxos(TokenRing ring, KeyspaceMetadata keyspace, Token token, ConsistencyLevel serial, Func<NodeEndpoint, bool> isAlive) =>
        Plan(ring, keyspace, token, serial == ConsistencyLevel.LocalSerial ? ConsistencyLevel.LocalQuorum : ConsistencyLevel.Quorum, isAlive, isWrite: true) with { Consistency = serial };

    private static ReplicaPlan Plan(TokenRing ring, KeyspaceMetadata keyspace, Token token, ConsistencyLevel consistency, Func<NodeEndpoint, bool> isAlive, bool isWrite)
    {
        var replicas = ring.Replicas(token, keyspace.Replication);
        var live = LiveReplicas(replicas, isAlive);
        string localDc = ring.Local.Datacenter;
        int blockFor = BlockFor(consistency, keyspace.Replication, localDc, ring.Datacenters, isLocal: keyspace.Replication.StrategyClass == ReplicationParams.LocalStrategy);
        int alive = live.Count;
        if (consistency is ConsistencyLevel.LocalQuorum or ConsistencyLevel.LocalOne)
        {
            alive = 0;
            for (int i = 0; i < live.Count; i++)
                if (live[i].Datacenter == localDc) alive++;
        }
        if (consistency == ConsistencyLevel.Any && isWrite) alive = Math.Max(alive, 1); // a hint always satisfies ANY
        if (alive < blockFor)
            throw new UnavailableException(consistency, blockFor, alive);
        return new ReplicaPlan(keyspace.Name, consistency, replicas, live, blockFor);
    }

    /// <summary>The live replicas; the same list when all are alive, the common case, so nothing is copied.</summary>
    private static IReadOnlyList<NodeEndpoint> LiveReplicas(IReadOnlyList<NodeEndpoint> replicas, Func<NodeEndpoint, bool> isAlive)
    {
        for (int i = 0; i < replicas.Count; i++)
        {
            if (isAlive(replicas[i])) continue;
            var live = new List<NodeEndpoint>(replicas.Count - 1);
            for (int j = 0; j < replicas.Count; j++)
                if (j != i && (j < i || isAlive(replicas[j]))) live.Add(replicas[j]);
            return live;
        }
        return replicas;
    }

    /// <summary>How many replicas must answer (Cassandra's ConsistencyLevel.blockFor).</summary>
    public static int BlockFor(ConsistencyLevel consistency, ReplicationParams replication, string localDc, IReadOnlyCollection<string> datacenters, bool isLocal)
    {
        if (isLocal) return 1;
        // Loops, not LINQ lambdas: a lambda capturing the parameters would allocate on every request.
        int total = 0;
        if (replication.StrategyClass == ReplicationParams.NetworkTopologyStrategy)
            foreach (string dc in datacenters) total += replication.ReplicationFactorFor(dc);
        else
            total = replication.ReplicationFactorFor(localDc);
        int local = replication.ReplicationFactorFor(localDc);
        return consistency switch
        {
            ConsistencyLevel.Any or ConsistencyLevel.One or ConsistencyLevel.LocalOne => 1,
            ConsistencyLevel.Two => 2,
            ConsistencyLevel.Three => 3,
            ConsistencyLevel.Quorum or ConsistencyLevel.Serial => total / 2 + 1,
            ConsistencyLevel.All => total,
            ConsistencyLevel.LocalQuorum or ConsistencyLevel.LocalSerial => local / 2 + 1,
            ConsistencyLevel.EachQuorum => EachQuorum(replication, datacenters),
            _ => 1,
        };
    }

    private static int EachQuorum(ReplicationParams replication, IReadOnlyCollection<string> datacenters)
    {
        int sum = 0;
        foreach (string dc in datacenters) sum += replication.ReplicationFactorFor(dc) / 2 + 1;
        return sum;
    }
}
