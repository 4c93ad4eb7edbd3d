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
        var live = replicas.Where(isAlive).ToList();
        string localDc = ring.Local.Datacenter;
        int blockFor = BlockFor(consistency, keyspace.Replication, localDc, ring.Datacenters, isLocal: keyspace.Replication.StrategyClass == ReplicationParams.LocalStrategy);
        int alive = consistency is ConsistencyLevel.LocalQuorum or ConsistencyLevel.LocalOne
            ? live.Count(n => n.Datacenter == localDc)
            : live.Count;
        if (consistency == ConsistencyLevel.Any && isWrite) alive = Math.Max(alive, 1); // a hint always satisfies ANY
        if (alive < blockFor)
            throw new UnavailableException(consistency, blockFor, alive);
        return new ReplicaPlan(keyspace.Name, consistency, replicas, live, blockFor);
    }

    /// <summary>How many replicas must answer (Cassandra's ConsistencyLevel.blockFor).</summary>
    public static int BlockFor(ConsistencyLevel consistency, ReplicationParams replication, string localDc, IReadOnlyCollection<string> datacenters, bool isLocal)
    {
        if (isLocal) return 1;
        int total = replication.StrategyClass == ReplicationParams.NetworkTopologyStrategy
            ? datacenters.Sum(replication.ReplicationFactorFor)
            : replication.ReplicationFactorFor(localDc);
        int local = replication.ReplicationFactorFor(localDc);
        return consistency switch
        {
            ConsistencyLevel.Any or ConsistencyLevel.One or ConsistencyLevel.LocalOne => 1,
            ConsistencyLevel.Two => 2,
            ConsistencyLevel.Three => 3,
            ConsistencyLevel.Quorum or ConsistencyLevel.Serial => total / 2 + 1,
            ConsistencyLevel.All => total,
            ConsistencyLevel.LocalQuorum or ConsistencyLevel.LocalSerial => local / 2 + 1,
            ConsistencyLevel.EachQuorum => datacenters.Sum(dc => replication.ReplicationFactorFor(dc) / 2 + 1),
            _ => 1,
        };
    }
}
