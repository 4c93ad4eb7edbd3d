using Sibyl.Common.Errors;

namespace Sibyl.Cql.Tests.Semantics;

/// <summary>Where durations may appear in a schema (Cassandra's CQL3Type.Raw and CreateTableStatement rules).</summary>
public class DurationSchemaTests
{
    private static string Error(MemoryQueryContext node, string cql) => Assert.Throws<InvalidRequestException>(() => node.Execute(cql)).Message;

    [Fact]
    public void DurationsAreRefusedInSetsMapKeysAndAnyPrimaryKeyColumnHoldingThem()
    {
        var node = new MemoryQueryContext();
        Assert.Equal("Durations are not allowed as map keys: map<duration, text>", Error(node, "CREATE TABLE t (pk int PRIMARY KEY, m map<duration, text>)"));
        Assert.Equal("Durations are not allowed inside sets: set<duration>", Error(node, "CREATE TABLE t (pk int PRIMARY KEY, s set<duration>)"));
        Assert.Equal("Durations are not allowed inside sets: frozen<set<duration>>", Error(node, "CREATE TABLE t (s frozen<set<duration>> PRIMARY KEY, v int)"));
        Assert.Equal("duration type is not supported for PRIMARY KEY column 'm'", Error(node, "CREATE TABLE t (m frozen<map<text, duration>> PRIMARY KEY, v int)"));
        Assert.Equal("duration type is not supported for PRIMARY KEY column 'm'", Error(node, "CREATE TABLE t (pk int, m frozen<map<text, duration>>, v int, PRIMARY KEY (pk, m))"));
        Assert.Equal("duration type is not supported for PRIMARY KEY column 'l'", Error(node, "CREATE TABLE t (l frozen<list<duration>> PRIMARY KEY, v int)"));
        Assert.Equal("duration type is not supported for PRIMARY KEY column 't'", Error(node, "CREATE TABLE t (t frozen<tuple<int, duration>> PRIMARY KEY, v int)"));
        node.Execute("CREATE TYPE d (x duration)");
        Assert.Equal("duration type is not supported for PRIMARY KEY column 'u'", Error(node, "CREATE TABLE t (u frozen<d> PRIMARY KEY, v int)"));
        Assert.Equal("Durations are not allowed inside sets: set<duration>", Error(node, "CREATE TYPE e (a set<duration>)"));

        // Lists, map values, tuples and plain columns are fine.
        node.Execute("CREATE TABLE ok (pk int PRIMARY KEY, l list<duration>, m map<text, duration>, t tuple<int, duration>, d duration)");
        node.Execute("INSERT INTO ok (pk, l, m, t, d) VALUES (1, [1mo, 60d], {'a': 1mo}, (1, 1mo), 2w)");
        Assert.NotNull(node.Value("SELECT l FROM ok WHERE pk = 1"));
    }
}
