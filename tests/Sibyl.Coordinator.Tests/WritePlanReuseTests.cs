using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Protocol;

namespace Sibyl.Coordinator.Tests;

/// <summary>
/// A ring of one node reuses a keyspace's write plan, yet answers exactly as a fresh plan would: per consistency
/// level, and anew after the keyspace's replication changes.
/// </summary>
public class WritePlanReuseTests
{
    private static QueryOptions At(ConsistencyLevel consistency) => new() { Consistency = consistency, Values = [] };

    [Fact]
    public void AReusedPlanAnswersAsAFreshOne()
    {
        var node = new CqlTestNode();
        node.Run("CREATE TABLE t (k int PRIMARY KEY, v int)");
        node.Run("INSERT INTO t (k, v) VALUES (1, 1)", At(ConsistencyLevel.All));
        node.Run("INSERT INTO t (k, v) VALUES (2, 1)", At(ConsistencyLevel.One));
        Assert.Throws<InvalidRequestException>(() => node.Run("INSERT INTO t (k, v) VALUES (3, 1)", At(ConsistencyLevel.Serial)));

        node.Run("ALTER KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
        node.Run("INSERT INTO t (k, v) VALUES (4, 1)", At(ConsistencyLevel.One));
        var unavailable = Assert.Throws<UnavailableException>(() => node.Run("INSERT INTO t (k, v) VALUES (5, 1)", At(ConsistencyLevel.All)));
        Assert.Equal((3, 1), (unavailable.Required, unavailable.Alive));
        Assert.Throws<UnavailableException>(() => node.Run("INSERT INTO t (k, v) VALUES (6, 1)", At(ConsistencyLevel.Quorum)));

        node.Run("ALTER KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        node.Run("INSERT INTO t (k, v) VALUES (7, 1)", At(ConsistencyLevel.All));
        Assert.Equal(4, node.Rows("SELECT k FROM t").Count);
    }
}
