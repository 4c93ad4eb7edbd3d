using Sibyl.Common.Errors;
using Sibyl.Cql.Results;

namespace Sibyl.Cql.Tests.Semantics;

public class JsonTests
{
    private static MemoryQueryContext Node()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TYPE pt (x int, \"Y\" text)");
        node.Execute("CREATE TABLE j (k int PRIMARY KEY, \"Camel\" text, ts timestamp, b blob, u uuid, l list<int>, s set<text>, " +
            "m map<int, boolean>, t frozen<tuple<int, text>>, p frozen<pt>, d decimal, f float, dt date, tm time, du duration, i inet)");
        return node;
    }

    [Fact]
    public void SelectJsonEncodesEveryTypeAsCassandra()
    {
        var node = Node();
        node.Execute("INSERT INTO j (k, \"Camel\", ts, b, u, l, s, m, t, p, d, f, dt, tm, du, i) VALUES (1, 'a\"b', '2020-01-01 00:00:00+0000', 0xcafe, " +
            "62c36092-82a1-3a00-93d1-46196ee77204, [1, 2], {'x'}, {3: true}, (1, 'z'), {x: 1, \"Y\": 'q'}, 1.50, 1.5, '2020-02-03', '01:02:03', 1h2m, '127.0.0.1')");
        var rows = Assert.IsType<RowsResult>(node.Execute("SELECT JSON * FROM j"));
        Assert.Equal("[json]", Assert.Single(rows.Columns).Name);
        Assert.Equal("{\"k\": 1, \"\\\"Camel\\\"\": \"a\\\"b\", \"b\": \"0xcafe\", \"d\": 1.50, \"dt\": \"2020-02-03\", \"du\": \"1h2m\", \"f\": 1.5, " +
            "\"i\": \"127.0.0.1\", \"l\": [1, 2], \"m\": {\"3\": true}, \"p\": {\"x\": 1, \"\\\"Y\\\"\": \"q\"}, \"s\": [\"x\"], \"t\": [1, \"z\"], " +
            "\"tm\": \"01:02:03.000000000\", \"ts\": \"2020-01-01 00:00:00.000Z\", \"u\": \"62c36092-82a1-3a00-93d1-46196ee77204\"}",
            MemoryQueryContext.Json(rows, 0));
    }

    [Fact]
    public void SelectJsonOfSelectorsUsesTheirNames()
    {
        var node = Node();
        node.Execute("INSERT INTO j (k, l) VALUES (1, [1])");
        var rows = Assert.IsType<RowsResult>(node.Execute("SELECT JSON k, toJson(l), count(*) AS n, \"Camel\" FROM j"));
        Assert.Equal("{\"k\": 1, \"system.tojson(l)\": \"[1]\", \"n\": 1, \"\\\"Camel\\\"\": null}", MemoryQueryContext.Json(rows, 0));
    }

    [Fact]
    public void InsertJsonRoundTripsSelectJson()
    {
        var node = Node();
        string json = "{\"k\": 2, \"\\\"Camel\\\"\": \"c\", \"ts\": \"2020-01-01 00:00:00.000Z\", \"b\": \"0x00ff\", \"l\": [3], \"m\": {\"7\": false}, " +
            "\"t\": [5, null], \"p\": {\"x\": 9, \"\\\"Y\\\"\": null}, \"d\": 2.5, \"du\": \"3d\"}";
        node.Execute("INSERT INTO j JSON ?", json);
        var rows = Assert.IsType<RowsResult>(node.Execute("SELECT JSON k, \"Camel\", ts, b, l, m, t, p, d, du FROM j WHERE k = 2"));
        Assert.Equal("{\"k\": 2, \"\\\"Camel\\\"\": \"c\", \"ts\": \"2020-01-01 00:00:00.000Z\", \"b\": \"0x00ff\", \"l\": [3], \"m\": {\"7\": false}, " +
            "\"t\": [5, null], \"p\": {\"x\": 9, \"\\\"Y\\\"\": null}, \"d\": 2.5, \"du\": \"3d\"}", MemoryQueryContext.Json(rows, 0));
    }

    [Fact]
    public void DefaultNullClearsAndDefaultUnsetKeepsOmittedColumns()
    {
        var node = Node();
        node.Execute("INSERT INTO j (k, \"Camel\", f) VALUES (3, 'keep', 1.0)");
        node.Execute("INSERT INTO j JSON '{\"k\": 3, \"f\": 2.0}' DEFAULT UNSET");
        Assert.Equal(new object?[] { "keep", 2.0f }, Assert.Single(node.Rows("SELECT \"Camel\", f FROM j WHERE k = 3")));
        node.Execute("INSERT INTO j JSON '{\"k\": 3, \"f\": 3.0}'");
        Assert.Equal(new object?[] { null, 3.0f }, Assert.Single(node.Rows("SELECT \"Camel\", f FROM j WHERE k = 3")));
    }

    [Fact]
    public void InsertJsonErrors()
    {
        var node = Node();
        Assert.Equal("JSON values map contains unrecognized column: nope",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO j JSON '{\"k\": 1, \"nope\": 1}'")).Message);
        Assert.StartsWith("Could not decode JSON string as a map",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO j JSON 'dog'")).Message);
        Assert.Equal("Got null for INSERT JSON values",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO j JSON ?", "null")).Message);
        Assert.Equal("Error decoding JSON value for dt: Expected a string representation of a date, but got a Integer: 123",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO j JSON '{\"k\": 1, \"dt\": 123}'")).Message);
        Assert.Equal("Error decoding JSON value for b: String representation of blob is missing 0x prefix: 00",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO j JSON '{\"k\": 1, \"b\": \"00\"}'")).Message);
    }

    [Fact]
    public void FromJsonAndToJsonFunctions()
    {
        var node = Node();
        node.Execute("INSERT INTO j (k, l, m, ts) VALUES (4, fromJson('[1, 2]'), fromJson(?), fromJson('\"2021-02-03 04:05:06.007Z\"'))", "{\"1\": true}");
        Assert.Equal("[1, 2]", node.Value("SELECT toJson(l) FROM j WHERE k = 4"));
        node.Execute("INSERT INTO j (k, l) VALUES (6, [])");
        Assert.Equal("null", node.Value("SELECT toJson(l) FROM j WHERE k = 6"));
        Assert.Equal("{\"1\": true}", node.Value("SELECT toJson(m) FROM j WHERE k = 4"));
        Assert.Equal("\"2021-02-03 04:05:06.007Z\"", node.Value("SELECT toJson(ts) FROM j WHERE k = 4"));
        Assert.Throws<FunctionFailureException>(() => node.Execute("INSERT INTO j (k, f) VALUES (5, fromJson('dog'))"));
        Assert.Equal("fromJson() cannot be used in the selection clause of a SELECT statement",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT fromJson(\"Camel\") FROM j")).Message);
        Assert.Equal("toJson() may only be used within the selection clause of SELECT statements",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO j (k, \"Camel\") VALUES (5, toJson(1))")).Message);
    }
}
