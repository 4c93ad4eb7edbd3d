using System.Net;
using Sibyl.Cluster;
using Sibyl.Common.Errors;
using Sibyl.Coordinator;
using Sibyl.Data.Partitioning;
using Sibyl.Schema;

namespace Sibyl.Coordinator.Tests;

public class ReplicaPlansTests
{
    private static readonly NodeEndpoint Local = new(Guid.NewGuid(), IPAddress.Loopback, "datacenter1", "rack1");
    private static readonly TokenRing Ring = new(Local, [(new Token(0), Local)]);

    private static KeyspaceMetadata Keyspace(string strategy, params (string, string)[] options) =>
        KeyspaceMetadata.Create("ks", new ReplicationParams(strategy, options.ToDictionary(o => o.Item1, o => o.Item2)), true);

    [Theory]
    [InlineData(ConsistencyLevel.One, 3, 1)]
    [InlineData(ConsistencyLevel.Two, 3, 2)]
    [InlineData(ConsistencyLevel.Quorum, 3, 2)]
    [InlineData(ConsistencyLevel.Quorum, 5, 3)]
    [InlineData(ConsistencyLevel.All, 3, 3)]
    [InlineData(ConsistencyLevel.LocalQuorum, 3, 2)]
    [InlineData(ConsistencyLevel.LocalOne, 3, 1)]
    [InlineData(ConsistencyLevel.Any, 3, 1)]
    public void BlockForFollowsCassandra(ConsistencyLevel consistency, int replicationFactor, int expected)
    {
        var replication = new ReplicationParams(ReplicationParams.SimpleStrategy,
            new Dictionary<string, string> { ["replication_factor"] = replicationFactor.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(expected, ReplicaPlans.BlockFor(consistency, replication, "datacenter1", ["datacenter1"], isLocal: false));
    }

    [Fact]
    public void OneNodeServesReplicationFactorOneAtEveryLevel()
    {
        var ks = Keyspace(ReplicationParams.SimpleStrategy, ("replication_factor", "1"));
        foreach (var cl in new[] { ConsistencyLevel.One, ConsistencyLevel.Quorum, ConsistencyLevel.All, ConsistencyLevel.LocalQuorum })
        {
            var plan = ReplicaPlans.ForWrite(Ring, ks, new Token(42), cl, _ => true);
            Assert.Equal([Local], plan.Contacts);
        }
    }

    [Fact]
    public void QuorumOfThreeReplicasOnOneNodeIsUnavailable()
    {
        var ks = Keyspace(ReplicationParams.SimpleStrategy, ("replication_factor", "3"));
        var e = Assert.Throws<UnavailableException>(() => ReplicaPlans.ForRead(Ring, ks, new Token(42), ConsistencyLevel.Quorum, _ => true));
        Assert.Equal(2, e.Required);
        Assert.Equal(1, e.Alive);
        Assert.Equal("Cannot achieve consistency level QUORUM", e.Message);
        // ONE only needs the replica that exists.
        Assert.NotNull(ReplicaPlans.ForRead(Ring, ks, new Token(42), ConsistencyLevel.One, _ => true));
    }

    [Fact]
    public void SerialWritesAndAnyReadsAreRefused()
    {
        var ks = Keyspace(ReplicationParams.SimpleStrategy, ("replication_factor", "1"));
        Assert.Throws<InvalidRequestException>(() => ReplicaPlans.ForWrite(Ring, ks, new Token(1), ConsistencyLevel.Serial, _ => true));
        Assert.Throws<InvalidRequestException>(() => ReplicaPlans.ForRead(Ring, ks, new Token(1), ConsistencyLevel.Any, _ => true));
    }

    [Fact]
    public void NetworkTopologyCountsOnlyTheNamedDatacenters()
    {
        var ks = Keyspace(ReplicationParams.NetworkTopologyStrategy, ("datacenter1", "1"));
        var plan = ReplicaPlans.ForWrite(Ring, ks, new Token(7), ConsistencyLevel.LocalQuorum, _ => true);
        Assert.Equal(1, plan.BlockFor);
    }

    [Fact]
    public void PreparedIdIsMd5OfKeyspaceAndQuery()
    {
        // Cassandra: MD5Digest.compute(keyspace + queryString); without a keyspace, of the query alone.
        var expected = System.Security.Cryptography.MD5.HashData("ksSELECT * FROM t"u8.ToArray());
        Assert.Equal(expected, PreparedStatementCache.ComputeId("SELECT * FROM t", "ks"));
        Assert.Equal(System.Security.Cryptography.MD5.HashData("SELECT 1"u8.ToArray()), PreparedStatementCache.ComputeId("SELECT 1", null));
    }
}
