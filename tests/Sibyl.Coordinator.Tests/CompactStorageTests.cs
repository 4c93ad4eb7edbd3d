using System.Collections;
using System.Text;
using Sibyl.Common.Errors;
using Sibyl.Data.Types;

namespace Sibyl.Coordinator.Tests;

/// <summary>WITH COMPACT STORAGE tables with Cassandra 3.11's rules, messages and row semantics.</summary>
public class CompactStorageTests
{
    private readonly CqlTestNode _node = new();

    private string Text(byte[]? value) => value is null ? "null" : Encoding.UTF8.GetString(value);

    private List<string> Flags(string table)
    {
        var row = Assert.Single(_node.Rows($"SELECT flags FROM system_schema.tables WHERE keyspace_name = 'ks' AND table_name = '{table}'"));
        var set = (IEnumerable?)CqlType.ParseName("frozen<set<text>>", _ => null).Compose(row[0]!);
        return set is null ? [] : [.. set.Cast<object>().Select(o => (string)o)];
    }

    private List<string> Columns(string table) =>
        [.. _node.Rows($"SELECT column_name, kind, type FROM system_schema.columns WHERE keyspace_name = 'ks' AND table_name = '{table}'")
            .Select(r => $"{Text(r[0])} {Text(r[1])} {Text(r[2])}").Order(StringComparer.Ordinal)];

    [Fact]
    public void CreateRefusesWhatThriftCouldNotRepresent()
    {
        Assert.Equal("COMPACT STORAGE with composite PRIMARY KEY allows no more than one column not part of the PRIMARY KEY (got: v1, v2)",
            _node.Error("CREATE TABLE t (k int, c int, v2 int, v1 int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE"));
        Assert.Equal("Static columns are not supported in COMPACT STORAGE tables",
            _node.Error("CREATE TABLE t (k int, c int, s int static, PRIMARY KEY (k, c)) WITH COMPACT STORAGE"));
        Assert.Equal("Non-frozen collection types are not supported with COMPACT STORAGE",
            _node.Error("CREATE TABLE t (k int PRIMARY KEY, l list<int>) WITH COMPACT STORAGE"));
        Assert.Equal("No definition found that is not part of the PRIMARY KEY",
            _node.Error("CREATE TABLE t (k int PRIMARY KEY) WITH COMPACT STORAGE"));
        // A frozen collection, and a dense table with only its key, are fine.
        _node.Run("CREATE TABLE t1 (k int PRIMARY KEY, l frozen<list<int>>) WITH COMPACT STORAGE");
        _node.Run("CREATE TABLE t2 (k int, c int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE AND CLUSTERING ORDER BY (c DESC)");
    }

    [Fact]
    public void GuardrailRefusesCreationWhenDisabled()
    {
        var node = new CqlTestNode(guardrails: new Cql.Guardrails(CompactTablesEnabled: false));
        Assert.Equal("Guardrail compact_tables violated: Creation of new COMPACT STORAGE tables is not allowed",
            node.Error("CREATE TABLE t (k int PRIMARY KEY, v int) WITH COMPACT STORAGE"));
        node.Run("CREATE TABLE t (k int PRIMARY KEY, v int)");
    }

    [Fact]
    public void SystemSchemaShowsFlagsAndHiddenColumnsAs311()
    {
        _node.Run("CREATE TABLE cql (k int PRIMARY KEY, v int)");
        _node.Run("CREATE TABLE sparse (k int PRIMARY KEY, v1 int, column1 int) WITH COMPACT STORAGE");
        _node.Run("CREATE TABLE dense (k int, c int, v int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE");
        _node.Run("CREATE TABLE keyonly (k int, c1 int, c2 int, PRIMARY KEY (k, c1, c2)) WITH COMPACT STORAGE");
        _node.Run("CREATE TABLE counts (k int PRIMARY KEY, n counter) WITH COMPACT STORAGE");

        Assert.Equal(["compound"], Flags("cql"));
        Assert.Empty(Flags("sparse"));
        Assert.Equal(["dense"], Flags("dense"));
        Assert.Equal(["compound", "dense"], Flags("keyonly"));
        Assert.Equal(["counter"], Flags("counts"));

        // A static compact table's columns are static, under a hidden text clustering and blob value named clear of them.
        Assert.Equal(["column1 static int", "column2 clustering text", "k partition_key int", "v1 static int", "value regular blob"], Columns("sparse"));
        Assert.Equal(["c clustering int", "k partition_key int", "v regular int"], Columns("dense"));
        Assert.Equal(["c1 clustering int", "c2 clustering int", "k partition_key int", "value regular empty"], Columns("keyonly"));
        Assert.Contains("value regular counter", Columns("counts"));
    }

    [Fact]
    public void RowsLiveOnlyThroughTheirValues()
    {
        _node.Run("CREATE TABLE s (k int PRIMARY KEY, v1 int, v2 int) WITH COMPACT STORAGE");
        Assert.Equal("Some clustering keys are missing: column1", _node.Error("INSERT INTO s (k) VALUES (1)"));
        _node.Run("INSERT INTO s (k, v1, v2) VALUES (1, 1, 1)");
        _node.Run("DELETE v1 FROM s WHERE k = 1");
        Assert.Equal([[1, -1, 1]], _node.Ints("SELECT * FROM s WHERE k = 1"));
        _node.Run("DELETE v2 FROM s WHERE k = 1");
        // A CQL table keeps the row through its INSERT's row marker; a compact one has none.
        Assert.Empty(_node.Rows("SELECT * FROM s WHERE k = 1"));

        _node.Run("CREATE TABLE d (k int, c int, v int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE");
        _node.Run("INSERT INTO d (k, c, v) VALUES (1, 1, 1)");
        _node.Run("UPDATE d SET v = null WHERE k = 1 AND c = 1");
        Assert.Empty(_node.Rows("SELECT * FROM d WHERE k = 1"));

        _node.Run("CREATE TABLE cql (k int PRIMARY KEY, v1 int)");
        _node.Run("INSERT INTO cql (k, v1) VALUES (1, 1)");
        _node.Run("DELETE v1 FROM cql WHERE k = 1");
        Assert.Equal([[1, -1]], _node.Ints("SELECT * FROM cql WHERE k = 1"));
    }

    [Fact]
    public void DenseTablesNeedTheirValueAndANonEmptyClustering()
    {
        _node.Run("CREATE TABLE d (k int, c text, v int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE");
        Assert.Equal("Column v is mandatory for this COMPACT STORAGE table", _node.Error("INSERT INTO d (k, c) VALUES (1, 'a')"));
        Assert.Equal("Invalid empty or null value for column c", _node.Error("INSERT INTO d (k, c, v) VALUES (1, '', 1)"));
        Assert.Equal("Invalid empty or null value for column c", _node.Error("UPDATE d SET v = 1 WHERE k = 1 AND c = ''"));
        Assert.Equal("Key may not be empty", Assert.Throws<InvalidRequestException>(() =>
        {
            _node.Run("CREATE TABLE e (k text, c text, v int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE");
            _node.Run("INSERT INTO e (k, c, v) VALUES ('', 'a', 1)");
        }).Message);

        // Several clustering columns may have empty components.
        _node.Run("CREATE TABLE m (k int, c1 text, c2 text, v int, PRIMARY KEY (k, c1, c2)) WITH COMPACT STORAGE");
        _node.Run("INSERT INTO m (k, c1, c2, v) VALUES (1, '', 'x', 1)");
        _node.Run("INSERT INTO m (k, c1, c2, v) VALUES (1, '', '', 2)");
        Assert.Equal(2, _node.Rows("SELECT v FROM m WHERE k = 1").Count);

        // Without a declared value the row exists from its key alone, until deleted.
        _node.Run("CREATE TABLE keyonly (k int, c int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE");
        _node.Run("INSERT INTO keyonly (k, c) VALUES (1, 1)");
        Assert.Equal([[1, 1]], _node.Ints("SELECT * FROM keyonly WHERE k = 1"));
        _node.Run("DELETE FROM keyonly WHERE k = 1 AND c = 1");
        Assert.Empty(_node.Rows("SELECT * FROM keyonly WHERE k = 1"));
    }

    [Fact]
    public void AlterAndIndexRules()
    {
        _node.Run("CREATE TABLE d (k int, c int, v int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE");
        _node.Run("CREATE TABLE s (k int PRIMARY KEY, v int) WITH COMPACT STORAGE");
        Assert.Equal("Cannot add new column to a COMPACT STORAGE table", _node.Error("ALTER TABLE d ADD w int"));
        Assert.Equal("Cannot drop columns from a non-CQL3 table", _node.Error("ALTER TABLE s DROP v"));
        Assert.Equal("Cannot use non-frozen collections in COMPACT STORAGE tables", _node.Error("ALTER TABLE s ADD l list<int>"));
        _node.Run("ALTER TABLE s ADD w int");
        Assert.Equal("Secondary indexes are not supported on PRIMARY KEY columns in COMPACT STORAGE tables", _node.Error("CREATE INDEX ON d (c)"));
        Assert.Equal("Secondary indexes are not supported on compact value column of COMPACT STORAGE tables", _node.Error("CREATE INDEX ON d (v)"));
        Assert.Equal("Secondary indexes are not supported on PRIMARY KEY columns in COMPACT STORAGE tables", _node.Error("CREATE INDEX ON s (k)"));
        _node.Run("CREATE INDEX ON s (v)");
    }

    [Fact]
    public void DropCompactStorageMakesACqlTable()
    {
        _node.Run("CREATE TABLE cql (k int PRIMARY KEY, v int)");
        Assert.Equal("Cannot DROP COMPACT STORAGE on table without COMPACT STORAGE", _node.Error("ALTER TABLE cql DROP COMPACT STORAGE"));

        _node.Run("CREATE TABLE d (k int, c int, v int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE");
        _node.Run("INSERT INTO d (k, c, v) VALUES (1, 1, 1)");
        _node.Run("ALTER TABLE d DROP COMPACT STORAGE");
        Assert.Equal(["compound"], Flags("d"));
        Assert.Equal([[1, 1, 1]], _node.Ints("SELECT * FROM d WHERE k = 1"));
        // Now rows carry markers, and the table takes new columns.
        _node.Run("INSERT INTO d (k, c, v) VALUES (1, 2, 2)");
        _node.Run("DELETE v FROM d WHERE k = 1 AND c = 2");
        Assert.Equal([[1, 1, 1], [1, 2, -1]], _node.Ints("SELECT * FROM d WHERE k = 1"));
        _node.Run("ALTER TABLE d ADD w int");

        _node.Run("CREATE TABLE s (k int PRIMARY KEY, v int) WITH COMPACT STORAGE");
        Assert.Contains("not supported", _node.Error("ALTER TABLE s DROP COMPACT STORAGE"));
    }
}
