using Sibyl.Cql.Results;

namespace Sibyl.Cql.Tests.Semantics;

/// <summary>
/// A SELECT reuses its page collector per thread, hands over a page of one row without a list and reuses the values
/// array of a one-column partition key: results must be what fresh objects would give, whatever ran before.
/// </summary>
public class SelectPageReuseTests
{
    private static MemoryQueryContext Node()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TABLE t (p int, c int, v int, PRIMARY KEY (p, c))");
        for (int p = 0; p < 3; p++)
            for (int c = 0; c < 3; c++)
                node.Execute("INSERT INTO t (p, c, v) VALUES (?, ?, ?)", p, c, p * 10 + c);
        return node;
    }

    [Fact]
    public void PagesOfNoneOneAndManyRowsAfterOtherShapesOfSelect()
    {
        var node = Node();
        for (int round = 0; round < 2; round++)
        {
            // Grouped, aggregated and filtered pages leave nothing behind for the plain ones that follow.
            Assert.Equal(3, node.Rows("SELECT p, count(*) FROM t GROUP BY p").Count);
            Assert.Equal(9L, node.Value("SELECT count(*) FROM t"));
            Assert.Single(node.Rows("SELECT p, c FROM t WHERE v = 21 ALLOW FILTERING"));

            Assert.Empty(node.Rows("SELECT p, c, v FROM t WHERE p = 7"));
            Assert.Equal(new object?[] { 1, 2, 12 }, Assert.Single(node.Rows("SELECT p, c, v FROM t WHERE p = 1 AND c = 2")));
            var many = node.Rows("SELECT p, c, v FROM t WHERE p IN (2, 0)");
            Assert.Equal([0, 0, 0, 2, 2, 2], many.Select(r => (int)r[0]!));
            Assert.Equal([0, 1, 2, 20, 21, 22], many.Select(r => (int)r[2]!));
        }
    }

    [Fact]
    public void PagingByKeyKeepsItsPositionAcrossReusedCollectors()
    {
        var node = Node();
        var first = Assert.IsType<RowsResult>(node.Execute("SELECT c FROM t WHERE p = ?", 2, null, 1));
        Assert.Equal(2, first.Rows.Count);
        Assert.NotNull(first.PagingState);
        node.Rows("SELECT p, count(*) FROM t GROUP BY p");
        var second = Assert.IsType<RowsResult>(node.Execute("SELECT c FROM t WHERE p = ?", 2, first.PagingState, 1));
        Assert.Single(second.Rows);
        Assert.Null(second.PagingState);
    }
}
