using Sibyl.Common.Errors;
using Sibyl.Cql.Results;

namespace Sibyl.Cql.Tests.Semantics;

public class GroupByTests
{
    private static MemoryQueryContext Node()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TABLE g (p int, c1 int, c2 int, v int, PRIMARY KEY (p, c1, c2))");
        for (int p = 0; p < 3; p++)
            for (int c1 = 0; c1 < 3; c1++)
                for (int c2 = 0; c2 < 2; c2++)
                    node.Execute("INSERT INTO g (p, c1, c2, v) VALUES (?, ?, ?, ?)", p, c1, c2, p * 100 + c1 * 10 + c2);
        return node;
    }

    [Fact]
    public void AggregatesPerGroupAndFirstRowForOtherColumns()
    {
        var node = Node();
        var rows = node.Rows("SELECT p, c1, c2, count(*), sum(v), max(c2) FROM g WHERE p = 1 GROUP BY c1");
        Assert.Equal(3, rows.Count);
        Assert.Equal(new object?[] { 1, 1, 0, 2L, 221, 1 }, rows[1]);
        Assert.Equal(3, node.Rows("SELECT p, count(*) FROM g GROUP BY p").Count);
        Assert.Empty(node.Rows("SELECT count(*) FROM g WHERE p = 7 GROUP BY p"));
    }

    [Fact]
    public void LimitsCountGroups()
    {
        var node = Node();
        Assert.Equal(4, node.Rows("SELECT p, c1, count(*) FROM g GROUP BY p, c1 LIMIT 4").Count);
        var perPartition = node.Rows("SELECT p, c1, count(*) FROM g GROUP BY p, c1 PER PARTITION LIMIT 1");
        Assert.Equal(3, perPartition.Count);
        Assert.All(perPartition, r => Assert.Equal(0, r[1]));
    }

    [Theory]
    [InlineData("SELECT p, c1, count(*) FROM g GROUP BY p, c1")]
    [InlineData("SELECT p, c1, count(*) FROM g WHERE p IN (2, 0, 1) GROUP BY p, c1")]
    public void PagesEndAtGroupBoundaries(string query)
    {
        var node = Node();
        var all = new List<(object?, object?, object?)>();
        byte[]? paging = null;
        int pages = 0;
        do
        {
            var result = Assert.IsType<RowsResult>(node.Execute(query, 2, paging));
            Assert.True(result.Rows.Count <= 2);
            foreach (var row in result.Rows)
                all.Add((result.Columns[0].Type.Compose(row[0]!), result.Columns[1].Type.Compose(row[1]!), result.Columns[2].Type.Compose(row[2]!)));
            paging = result.PagingState;
            pages++;
        }
        while (paging is not null && pages < 20);
        Assert.Equal(9, all.Count);
        Assert.Equal(9, all.Distinct().Count());
        Assert.All(all, r => Assert.Equal(2L, r.Item3));
    }

    [Fact]
    public void GroupsOfSeveralPartitionsFollowOrderBy()
    {
        var node = Node();
        var rows = node.Rows("SELECT p, c1, count(*) FROM g WHERE p IN (0, 1) GROUP BY p, c1 ORDER BY c1 DESC");
        Assert.Equal([(0, 2), (1, 2), (0, 1), (1, 1), (0, 0), (1, 0)], rows.Select(r => ((int)r[0]!, (int)r[1]!)));
        var limited = node.Rows("SELECT p, c1, count(*) FROM g WHERE p IN (0, 1) GROUP BY p, c1 ORDER BY c1 DESC LIMIT 3");
        Assert.Equal([(0, 2), (1, 2), (0, 1)], limited.Select(r => ((int)r[0]!, (int)r[1]!)));
    }

    [Fact]
    public void OnlyPrimaryKeyPrefixesAreAllowed()
    {
        var node = Node();
        Assert.Contains("zzz", Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT * FROM g GROUP BY zzz")).Message);
        Assert.Equal("Group by is currently only supported on the columns of the PRIMARY KEY, got v",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT * FROM g GROUP BY v")).Message);
        Assert.Equal("Group by currently only support groups of columns following their declared order in the PRIMARY KEY",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT * FROM g GROUP BY p, c2")).Message);
        Assert.Equal(3, node.Rows("SELECT c1, count(*) FROM g WHERE p = 0 GROUP BY c1").Count);
        Assert.Equal(2, node.Rows("SELECT c2, count(*) FROM g WHERE p = 0 AND c1 = 1 GROUP BY c2").Count);
    }

    [Fact]
    public void GroupsNeedTheWholePartitionKey()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TABLE k2 (a int, b int, c int, v int, PRIMARY KEY ((a, b), c))");
        node.Execute("INSERT INTO k2 (a, b, c, v) VALUES (1, 1, 1, 1)");
        node.Execute("INSERT INTO k2 (a, b, c, v) VALUES (1, 2, 1, 2)");
        Assert.Equal("Group by is not supported on only a part of the partition key",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT a, b, max(v) FROM k2 GROUP BY a")).Message);
        Assert.Equal("Group by is not supported on only a part of the partition key",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT a, b, max(v) FROM k2 WHERE a = 1 AND b = 1 GROUP BY a")).Message);
        Assert.Equal(2, node.Rows("SELECT a, b, max(v) FROM k2 GROUP BY a, b").Count);
        Assert.Single(node.Rows("SELECT a, b, max(v) FROM k2 WHERE a = 1 AND b = 1 GROUP BY b"));
    }
}
