using Sibyl.Data.Types;

namespace Sibyl.Coordinator.Tests;

/// <summary>Multi-column slices over mixed ASC/DESC columns, and Cassandra's rules for statics, conditions and limits.</summary>
public class RestrictionAndStaticRuleTests
{
    private readonly CqlTestNode _node = new();

    private static int Int(byte[]? value) => (int)CqlType.Int.Compose(value)!;

    private List<(int, int, int)> Rows(string cql) => [.. _node.Rows(cql).Select(r => (Int(r[0]), Int(r[1]), Int(r[2])))];

    [Fact]
    public void MixedOrderSlicesSelectTheTupleRangeInClusteringOrder()
    {
        _node.Run("CREATE TABLE m (a int, b int, c int, d int, PRIMARY KEY (a, b, c, d)) WITH CLUSTERING ORDER BY (b DESC, c ASC, d DESC)");
        var all = new List<(int, int, int)>();
        for (int b = 0; b < 3; b++)
            for (int c = 0; c < 3; c++)
                for (int d = 0; d < 3; d++)
                {
                    _node.Run($"INSERT INTO m (a, b, c, d) VALUES (0, {b}, {c}, {d})");
                    all.Add((b, c, d));
                }
        // Clustering order: b descending, then c ascending, then d descending.
        var order = all.OrderByDescending(t => t.Item1).ThenBy(t => t.Item2).ThenByDescending(t => t.Item3).ToList();
        static int Cmp((int, int, int) x, (int, int, int) y) => x.CompareTo(y);
        var cases = new (string Where, Func<(int, int, int), bool> Expected)[]
        {
            ("(b, c, d) > (1, 1, 1)", t => Cmp(t, (1, 1, 1)) > 0),
            ("(b, c, d) >= (1, 1, 1)", t => Cmp(t, (1, 1, 1)) >= 0),
            ("(b, c, d) < (1, 1, 1)", t => Cmp(t, (1, 1, 1)) < 0),
            ("(b, c) > (0, 1) AND (b, c, d) <= (2, 0, 1)", t => (t.Item1, t.Item2).CompareTo((0, 1)) > 0 && Cmp(t, (2, 0, 1)) <= 0),
            ("(b, c, d) > (0, 2, 2) AND (b, c, d) < (1, 0, 0)", t => Cmp(t, (0, 2, 2)) > 0 && Cmp(t, (1, 0, 0)) < 0),
            ("(b, c, d) > (2, 0, 0) AND (b, c, d) < (1, 0, 0)", _ => false),
            ("(b, c) >= (1, 2) AND b < 2", t => (t.Item1, t.Item2).CompareTo((1, 2)) >= 0 && t.Item1 < 2),
        };
        foreach (var (where, expected) in cases)
        {
            Assert.Equal(order.Where(expected).ToList(), Rows($"SELECT b, c, d FROM m WHERE a = 0 AND {where}"));
            var reversed = order.Where(expected).ToList();
            reversed.Reverse();
            Assert.Equal(reversed, Rows($"SELECT b, c, d FROM m WHERE a = 0 AND {where} ORDER BY b ASC, c DESC, d ASC"));
        }
    }

    [Fact]
    public void ConflictingMultiColumnRelationsAreRefusedNotCrashed()
    {
        _node.Run("CREATE TABLE r (a int, b int, c int, PRIMARY KEY (a, b))");
        Assert.Equal("Column \"b\" cannot be restricted by both an equality and an inequality relation",
            _node.Error("SELECT * FROM r WHERE a = 0 AND (b) = (0) AND (b) > (0)"));
        Assert.Equal("b cannot be restricted by more than one relation if it includes an Equal",
            _node.Error("SELECT * FROM r WHERE a = 0 AND (b) = (0) AND (b) = (1)"));
        Assert.Equal("The token() function contains duplicate partition key components", _node.Error("SELECT * FROM r WHERE token(a, a) = 0"));
        Assert.Equal("PER PARTITION LIMIT is not allowed with aggregate queries.", _node.Error("SELECT count(*) FROM r PER PARTITION LIMIT 1"));
        _node.Run("CREATE TABLE r4 (a int, b int, c int, d int, PRIMARY KEY (a, b, c, d))");
        Assert.Equal("Column \"c\" cannot be restricted by two inequalities not starting with the same column",
            _node.Error("SELECT * FROM r4 WHERE a = 0 AND (b, c, d) > (0, 1, 0) AND c < 1"));
        Assert.Equal("Clustering column \"c\" cannot be restricted (preceding column \"b\" is restricted by a non-EQ relation)",
            _node.Error("SELECT * FROM r4 WHERE a = 0 AND b > 0 AND (c, d) > (0, 0)"));
        Assert.Equal("PRIMARY KEY column \"c\" cannot be restricted (preceding column \"b\" is restricted by a non-EQ relation)",
            _node.Error("SELECT * FROM r4 WHERE a = 0 AND (c, d) > (0, 0) AND b > 0"));
        _node.Run("CREATE TABLE f (a int, b frozen<list<int>>, c int, PRIMARY KEY (a, b, c))");
        Assert.Equal("Clustering columns can only be restricted with CONTAINS with a secondary index or filtering",
            _node.Error("SELECT * FROM f WHERE a = 1 AND b CONTAINS 2"));
    }

    [Fact]
    public void TokenRestrictionsFilterNamedPartitions()
    {
        _node.Run("CREATE TABLE t (p int, c int, PRIMARY KEY (p, c))");
        _node.Run("INSERT INTO t (p, c) VALUES (1, 0)");
        var token = (long)CqlType.BigInt.Compose(_node.Rows("SELECT token(p) FROM t WHERE p = 1")[0][0])!;
        Assert.Single(_node.Rows($"SELECT c FROM t WHERE token(p) <= {token} AND p = 1"));
        Assert.Empty(_node.Rows($"SELECT c FROM t WHERE token(p) < {token} AND p = 1"));
    }

    [Fact]
    public void StaticOnlyWritesMayNotNameRows()
    {
        _node.Run("CREATE TABLE s (k int, c int, s int static, v int, PRIMARY KEY (k, c))");
        Assert.Equal("Invalid restrictions on clustering columns since the UPDATE statement modifies only static columns",
            _node.Error("UPDATE s SET s = 1 WHERE k = 0 AND c = 0"));
        Assert.Equal("Invalid restrictions on clustering columns since the DELETE statement modifies only static columns",
            _node.Error("DELETE s FROM s WHERE k = 0 AND c = 0"));
        Assert.Equal("Some clustering keys are missing: c", _node.Error("UPDATE s SET s = 1 WHERE k = 0 IF v = 1"));
        Assert.Equal("DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to delete non static columns",
            _node.Error("DELETE s, v FROM s WHERE k = 0 IF s = 1"));
        Assert.Equal("DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to use IF condition on non static columns",
            _node.Error("DELETE s FROM s WHERE k = 0 IF v = 1"));
        Assert.Equal("IN on the clustering key columns is not supported with conditional deletions",
            _node.Error("DELETE FROM s WHERE k = 0 AND c IN (0, 1) IF v = 1"));
        Assert.Equal("IN on the partition key is not supported with conditional updates",
            _node.Error("UPDATE s SET v = 1 WHERE k IN (0, 1) AND c = 0 IF EXISTS"));
        // Static-only writes are fine without naming a row; IF NOT EXISTS then looks at the static row only.
        _node.Run("INSERT INTO s (k, c, v) VALUES (0, 0, 0)");
        var applied = _node.Rows("INSERT INTO s (k, s) VALUES (0, 5) IF NOT EXISTS");
        Assert.True((bool)CqlType.Boolean.Compose(applied[0][0])!);
    }
}
