using Sibyl.Common;
using Sibyl.Common.Errors;

namespace Sibyl.Coordinator.Tests;

/// <summary>
/// A ring of one node reuses a keyspace's read plan, yet answers exactly as a fresh plan would: per consistency
/// level (refusals are never reused), and anew after the keyspace's replication changes.
/// </summary>
public class ReadPlanReuseTests
{
    private static QueryOptions At(ConsistencyLevel consistency) => new() { Consistency = consistency, Values = [] };

    [Fact]
    public void AReusedPlanAnswersAsAFreshOne()
    {
        var node = new CqlTestNode();
        node.Run("CREATE TABLE t (k int PRIMARY KEY, v int)");
        node.Run("INSERT INTO t (k, v) VALUES (1, 1)");
        Assert.Single(node.Rows("SELECT v FROM t WHERE k = 1", At(ConsistencyLevel.All)));
        Assert.Single(node.Rows("SELECT v FROM t WHERE k = 1", At(ConsistencyLevel.One)));
        Assert.Throws<InvalidRequestException>(() => node.Rows("SELECT v FROM t WHERE k = 1", At(ConsistencyLevel.Any)));
        Assert.Throws<InvalidRequestException>(() => node.Rows("SELECT v FROM t WHERE k = 1", At(ConsistencyLevel.Any)));
        Assert.Single(node.Rows("SELECT v FROM t WHERE k = 1", At(ConsistencyLevel.Serial)));
        Assert.Single(node.Rows("SELECT v FROM t WHERE k = 1", At(ConsistencyLevel.Quorum)));

        node.Run("ALTER KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
        Assert.Single(node.Rows("SELECT v FROM t WHERE k = 1", At(ConsistencyLevel.One)));
        var unavailable = Assert.Throws<UnavailableException>(() => node.Rows("SELECT v FROM t WHERE k = 1", At(ConsistencyLevel.All)));
        Assert.Equal((3, 1), (unavailable.Required, unavailable.Alive));
        Assert.Throws<UnavailableException>(() => node.Rows("SELECT v FROM t WHERE k = 1", At(ConsistencyLevel.All)));
        Assert.Throws<UnavailableException>(() => node.Rows("SELECT v FROM t", At(ConsistencyLevel.Quorum)));

        node.Run("ALTER KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        Assert.Single(node.Rows("SELECT v FROM t WHERE k = 1", At(ConsistencyLevel.All)));
        Assert.Single(node.Rows("SELECT v FROM t", At(ConsistencyLevel.Quorum)));
    }
}
