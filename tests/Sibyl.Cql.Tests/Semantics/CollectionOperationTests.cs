using Sibyl.Common;
using Sibyl.Common.Errors;

namespace Sibyl.Cql.Tests.Semantics;

/// <summary>Non-frozen collection and UDT operations: one cell per element, Cassandra's semantics and errors.</summary>
public class CollectionOperationTests
{
    private static MemoryQueryContext Node()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TYPE addr (street text, zip int)");
        node.Execute("CREATE TABLE t (k int, c int, s set<text>, l list<int>, m map<text, int>, u addr, fl frozen<list<int>>, sl list<int> static, PRIMARY KEY (k, c))");
        return node;
    }

    private static object? Column(MemoryQueryContext node, string column) => node.Value($"SELECT {column} FROM t WHERE k = 1 AND c = 1");

    private static string Error(MemoryQueryContext node, string cql, params object?[] values) =>
        Assert.Throws<InvalidRequestException>(() => node.Execute(cql, values)).Message;

    [Fact]
    public void InsertOverwritesAndDuplicatesCollapse()
    {
        var node = Node();
        node.Execute("INSERT INTO t (k, c, s, l, m) VALUES (1, 1, {'b', 'a', 'a'}, [3, 1, 3], {'x': 1, 'x': 2})");
        Assert.Equal(new object[] { "a", "b" }, Assert.IsAssignableFrom<System.Collections.IEnumerable>(Column(node, "s")).Cast<object>());
        Assert.Equal(new object[] { 3, 1, 3 }, Assert.IsAssignableFrom<System.Collections.IEnumerable>(Column(node, "l")).Cast<object>());
        node.Execute("INSERT INTO t (k, c, s) VALUES (1, 1, {'z'})");
        Assert.Equal(new object[] { "z" }, Assert.IsAssignableFrom<System.Collections.IEnumerable>(Column(node, "s")).Cast<object>());
        node.Execute("UPDATE t SET s = {} WHERE k = 1 AND c = 1");
        Assert.Null(Column(node, "s"));
    }

    [Fact]
    public void ListAppendPrependSetByIndexAndRemoval()
    {
        var node = Node();
        node.Execute("UPDATE t SET l = l + [1, 2] WHERE k = 1 AND c = 1");
        node.Execute("UPDATE t SET l = [0] + l WHERE k = 1 AND c = 1");
        node.Execute("UPDATE t SET l = [-2, -1] + l WHERE k = 1 AND c = 1");
        node.Execute("UPDATE t SET l += [3] WHERE k = 1 AND c = 1");
        Assert.Equal(new object[] { -2, -1, 0, 1, 2, 3 }, Ints(Column(node, "l")));
        node.Execute("UPDATE t SET l[2] = 10 WHERE k = 1 AND c = 1");
        node.Execute("DELETE l[0] FROM t WHERE k = 1 AND c = 1");
        Assert.Equal(new object[] { -1, 10, 1, 2, 3 }, Ints(Column(node, "l")));
        node.Execute("UPDATE t SET l = l - [1, 3] WHERE k = 1 AND c = 1");
        Assert.Equal(new object[] { -1, 10, 2 }, Ints(Column(node, "l")));
        Assert.Equal("List index 5 out of bound, list has size 3", Error(node, "UPDATE t SET l[5] = 1 WHERE k = 1 AND c = 1"));
        Assert.Equal("Attempted to set an element on a list which is null", Error(node, "UPDATE t SET l[0] = 1 WHERE k = 2 AND c = 1"));
        Assert.Equal("Attempted to delete an element from a list which is null", Error(node, "DELETE l[0] FROM t WHERE k = 2 AND c = 1"));
        Assert.Equal("Invalid null value for list index", Error(node, "UPDATE t SET l[?] = 1 WHERE k = 1 AND c = 1", [null]));
    }

    [Fact]
    public void BatchAppendsKeepStatementOrderAndPrependsReverseIt()
    {
        var node = Node();
        node.Execute("BEGIN BATCH UPDATE t SET l = l + [1] WHERE k = 1 AND c = 1; UPDATE t SET l = l + [2] WHERE k = 1 AND c = 1; APPLY BATCH");
        node.Execute("BEGIN BATCH UPDATE t SET l = [3] + l WHERE k = 1 AND c = 1; UPDATE t SET l = [4, 5] + l WHERE k = 1 AND c = 1; APPLY BATCH");
        Assert.Equal(new object[] { 4, 5, 3, 1, 2 }, Ints(Column(node, "l")));
    }

    [Fact]
    public void SetAndMapElementOperations()
    {
        var node = Node();
        node.Execute("UPDATE t SET s = s + {'b', 'a'}, m = m + {'x': 1, 'y': 2} WHERE k = 1 AND c = 1");
        node.Execute("UPDATE t SET s = s - {'a'}, m['z'] = 3, m = m - {'x'} WHERE k = 1 AND c = 1");
        Assert.Equal(new object[] { "b" }, Assert.IsAssignableFrom<System.Collections.IEnumerable>(Column(node, "s")).Cast<object>());
        var map = Assert.IsType<List<KeyValuePair<object, object>>>(Column(node, "m"));
        Assert.Equal([new("y", 2), new("z", 3)], map);
        node.Execute("DELETE m['y'], s['b'] FROM t WHERE k = 1 AND c = 1");
        Assert.Null(Column(node, "s"));
        Assert.Single(Assert.IsType<List<KeyValuePair<object, object>>>(Column(node, "m")));
        node.Execute("UPDATE t SET m['z'] = null WHERE k = 1 AND c = 1");
        Assert.Empty(node.Rows("SELECT m FROM t WHERE k = 1 AND c = 1")); // UPDATE wrote no row marker: nothing is left
    }

    [Fact]
    public void UserTypeFieldsAreCells()
    {
        var node = Node();
        node.Execute("INSERT INTO t (k, c, u) VALUES (1, 1, {street: 'Main', zip: 5})");
        node.Execute("UPDATE t SET u.zip = 7 WHERE k = 1 AND c = 1");
        Assert.Equal(new object?[] { "Main", 7 }, node.Rows("SELECT u.street, u.zip FROM t WHERE k = 1 AND c = 1").Single());
        node.Execute("DELETE u.street FROM t WHERE k = 1 AND c = 1");
        Assert.Equal(new object?[] { null, 7 }, node.Rows("SELECT u.street, u.zip FROM t WHERE k = 1 AND c = 1").Single());
        node.Execute("DELETE u.zip FROM t WHERE k = 1 AND c = 1");
        Assert.Null(Column(node, "u"));
    }

    [Fact]
    public void StaticListsAreSharedByThePartition()
    {
        var node = Node();
        node.Execute("UPDATE t SET sl = sl + [1] WHERE k = 1");
        node.Execute("INSERT INTO t (k, c, l, sl) VALUES (1, 2, [0], [5, 6])");
        node.Execute("UPDATE t SET sl[1] = 9 WHERE k = 1");
        Assert.Equal(new object[] { 5, 9 }, Ints(node.Value("SELECT sl FROM t WHERE k = 1 AND c = 2")));
    }

    [Fact]
    public void TtlAppliesPerElement()
    {
        var node = Node();
        node.Execute("UPDATE t USING TTL 1000 SET s = s + {'a'} WHERE k = 1 AND c = 1");
        node.Execute("UPDATE t SET s = s + {'b'} WHERE k = 1 AND c = 1");
        Assert.Equal(2, Assert.IsAssignableFrom<System.Collections.IEnumerable>(Column(node, "s")).Cast<object>().Count());
    }

    [Fact]
    public void MisusesAnswerCassandrasErrors()
    {
        var node = Node();
        Assert.Equal("Invalid operation (fl[1] = 2) for frozen collection column fl", Error(node, "UPDATE t SET fl[1] = 2 WHERE k = 1 AND c = 1"));
        Assert.Equal("Invalid operation (fl = fl + [1]) for frozen collection column fl", Error(node, "UPDATE t SET fl = fl + [1] WHERE k = 1 AND c = 1"));
        Assert.Equal("Invalid operation (s['a'] = 1) for set column s", Error(node, "UPDATE t SET s['a'] = 1 WHERE k = 1 AND c = 1"));
        Assert.Equal("Invalid operation (s = {'a'} + s) for non list column s", Error(node, "UPDATE t SET s = {'a'} + s WHERE k = 1 AND c = 1"));
        Assert.Equal("Invalid operation (u = u + 1) for non counter column u", Error(node, "UPDATE t SET u = u + 1 WHERE k = 1 AND c = 1"));
        Assert.Equal("Invalid deletion operation for frozen collection column fl", Error(node, "DELETE fl[0] FROM t WHERE k = 1 AND c = 1"));
        Assert.Equal("Invalid unset map key", Error(node, "UPDATE t SET m[?] = 1 WHERE k = 1 AND c = 1", QueryOptions.Unset));
        Assert.Equal("Cannot use selection function writeTime on non-frozen collection l", Error(node, "SELECT writetime(l) FROM t"));
        Assert.Equal("Cannot use selection function ttl on non-frozen UDT u", Error(node, "SELECT ttl(u) FROM t"));
    }

    [Fact]
    public void ElementSliceAndFieldWritetimeSelection()
    {
        var node = Node();
        node.Execute("INSERT INTO t (k, c, s, m, u) VALUES (1, 1, {'a', 'b', 'c'}, {'x': 1, 'y': 2}, {street: 'Main', zip: 5}) USING TIMESTAMP 100");
        node.Execute("UPDATE t USING TIMESTAMP 200 SET u.zip = 7 WHERE k = 1 AND c = 1");
        var row = node.Rows("SELECT m['y'], m['q'], s['b'], s['b'..'c'], writetime(u.street), writetime(u.zip) FROM t WHERE k = 1 AND c = 1").Single();
        Assert.Equal(2, row[0]);
        Assert.Null(row[1]);
        Assert.Equal("b", row[2]);
        Assert.Equal(new object[] { "b", "c" }, Assert.IsAssignableFrom<System.Collections.IEnumerable>(row[3]).Cast<object>());
        Assert.Equal(new object?[] { 100L, 200L }, row[4..]);
        Assert.Equal("Element selection is only allowed on sets and maps, but l is a list", Error(node, "SELECT l[0] FROM t"));
    }

    [Fact]
    public void ListOperationsInOneStatementSeeEachOther()
    {
        var node = Node();
        node.Execute("INSERT INTO t (k, c, l) VALUES (1, 1, [1, 2, 3, 4])");
        node.Execute("UPDATE t SET l[2] = 7, l[2] = 8 WHERE k = 1 AND c = 1");
        Assert.Equal(new object[] { 1, 2, 8, 4 }, Ints(Column(node, "l")));
        node.Execute("DELETE l[2], l[2] FROM t WHERE k = 1 AND c = 1");
        Assert.Equal(new object[] { 1, 2 }, Ints(Column(node, "l")));
        node.Execute("UPDATE t SET l = l + [3, 4], l[3] = 7 WHERE k = 1 AND c = 1");
        Assert.Equal(new object[] { 1, 2, 3, 7 }, Ints(Column(node, "l")));
        Assert.Equal("List index 4 out of bound, list has size 4", Error(node, "UPDATE t SET l[4] = 5, l = l + [9] WHERE k = 1 AND c = 1"));
        node.Execute("UPDATE t SET l = l - [1, 3], l[0] = 9 WHERE k = 1 AND c = 1");
        Assert.Equal(new object[] { 9, 7 }, Ints(Column(node, "l")));
    }

    private static object[] Ints(object? list) => [.. Assert.IsAssignableFrom<System.Collections.IEnumerable>(list).Cast<object>()];
}
