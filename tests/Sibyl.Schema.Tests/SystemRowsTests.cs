using System.Net;
using Sibyl.Schema.SystemTables;
using static Sibyl.Schema.Tests.SchemaFixture;

namespace Sibyl.Schema.Tests;

/// <summary>system_schema and system.local rows built from the live schema, as drivers read them.</summary>
public class SystemRowsTests
{
    private static Dictionary<string, object?> ColumnRow(SchemaSnapshot schema, string column) =>
        Rows(SystemKeyspaces.Columns, schema).Single(r => (string)r["keyspace_name"]! == "ks" && (string)r["column_name"]! == column);

    [Theory]
    [InlineData("day", "partition_key", 0, "none", "int")]
    [InlineData("bucket", "partition_key", 1, "none", "text")]
    [InlineData("ts", "clustering", 0, "desc", "timeuuid")]
    [InlineData("seq", "clustering", 1, "asc", "bigint")]
    [InlineData("owner", "static", -1, "none", "text")]
    [InlineData("payload", "regular", -1, "none", "blob")]
    [InlineData("tags", "regular", -1, "none", "set<text>")]
    [InlineData("attrs", "regular", -1, "none", "frozen<map<text, int>>")]
    public void ColumnsRowsDescribeEachColumn(string column, string kind, int position, string order, string type)
    {
        var row = ColumnRow(WithKeyspace(), column);
        Assert.Equal("events", row["table_name"]);
        Assert.Equal(kind, row["kind"]);
        Assert.Equal(position, row["position"]);
        Assert.Equal(order, row["clustering_order"]);
        Assert.Equal(type, row["type"]);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(column), (byte[])row["column_name_bytes"]!);
    }

    [Fact]
    public void ColumnsTableHasEveryColumnOfTheTableAndNoOthers()
    {
        var rows = Rows(SystemKeyspaces.Columns, WithKeyspace()).Where(r => (string)r["keyspace_name"]! == "ks").ToList();
        Assert.Equal(["attrs", "bucket", "day", "owner", "payload", "seq", "tags", "ts"],
            rows.Select(r => (string)r["column_name"]!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(8, r.Count));
    }

    [Fact]
    public void KeyspacesRowShowsReplicationAndDurableWrites()
    {
        var row = Rows(SystemKeyspaces.Keyspaces, WithKeyspace()).Single(r => (string)r["keyspace_name"]! == "ks");
        Assert.Equal(true, row["durable_writes"]);
        var replication = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<object?, object?>>>(row["replication"]);
        Assert.Equal(["class=org.apache.cassandra.locator.SimpleStrategy", "replication_factor=1"], replication.Select(kv => $"{kv.Key}={kv.Value}"));

        var names = Rows(SystemKeyspaces.Keyspaces, WithKeyspace()).Select(r => (string)r["keyspace_name"]!).ToList();
        Assert.Contains("system", names);
        Assert.Contains("system_schema", names);
        Assert.DoesNotContain("system_virtual_schema", names);   // virtual keyspaces live in system_virtual_schema.keyspaces
        Assert.Contains("system_virtual_schema", Rows(SystemKeyspaces.VirtualKeyspaces, WithKeyspace()).Select(r => (string)r["keyspace_name"]!));
    }

    [Fact]
    public void TablesRowShowsIdFlagsAndParams()
    {
        var row = Rows(SystemKeyspaces.Tables, WithKeyspace()).Single(r => (string)r["keyspace_name"]! == "ks");
        Assert.Equal("events", row["table_name"]);
        Assert.Equal(TableId, row["id"]);
        Assert.Equal(["compound"], Assert.IsAssignableFrom<IEnumerable<object?>>(row["flags"]).Cast<string>());
        Assert.Equal("user events", row["comment"]);
        Assert.Equal(3600, row["default_time_to_live"]);
        Assert.Equal(864_000, row["gc_grace_seconds"]);
        Assert.Equal(0.01, row["bloom_filter_fp_chance"]);
        Assert.Equal("99p", row["speculative_retry"]);
        Assert.Equal("BLOCKING", row["read_repair"]);
        var compaction = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<object?, object?>>>(row["compaction"]);
        Assert.Contains(compaction, kv => (string)kv.Key! == "class" && (string)kv.Value! == "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy");
    }

    [Fact]
    public void SystemTablesDescribeThemselves()
    {
        var rows = Rows(SystemKeyspaces.Tables, WithKeyspace());
        Assert.Contains(rows, r => (string)r["keyspace_name"]! == "system_schema" && (string)r["table_name"]! == "columns");
        Assert.Contains(rows, r => (string)r["keyspace_name"]! == "system" && (string)r["table_name"]! == "local");
        var columns = Rows(SystemKeyspaces.Columns, WithKeyspace());
        var keyspaceName = columns.Single(r => (string)r["keyspace_name"]! == "system_schema" && (string)r["table_name"]! == "columns" && (string)r["column_name"]! == "keyspace_name");
        Assert.Equal("partition_key", keyspaceName["kind"]);
        var virtualColumns = Rows(SystemKeyspaces.VirtualColumns, WithKeyspace());
        Assert.Contains(virtualColumns, r => (string)r["keyspace_name"]! == "system_virtual_schema" && (string)r["table_name"]! == "tables");
        Assert.DoesNotContain(virtualColumns, r => (string)r["keyspace_name"]! == "ks");
    }

    [Fact]
    public void DroppedColumnsAndTypesAreListed()
    {
        var table = Events();
        var dropped = table.DroppedColumns.Add("old", new DroppedColumn("old", Sibyl.Data.Types.CqlType.Int, ColumnKind.Regular, 1_600_000_000_000_000));
        var ks = Keyspace().WithTable(table.WithColumns([.. table.Columns.Values], dropped))
            .WithType(new Sibyl.Data.Types.UserType("ks", "address", ["street", "zip"], [Sibyl.Data.Types.CqlType.Text, Sibyl.Data.Types.CqlType.Int], false));
        var schema = SystemKeyspaces.InitialSchema().With(ks, "CREATE ks");

        var droppedRow = Assert.Single(Rows(SystemKeyspaces.DroppedColumns, schema));
        Assert.Equal("old", droppedRow["column_name"]);
        Assert.Equal("int", droppedRow["type"]);
        Assert.Equal("regular", droppedRow["kind"]);
        // Dropped time is kept in microseconds and shown as a timestamp (milliseconds).
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_000), droppedRow["dropped_time"]);

        var typeRow = Assert.Single(Rows(SystemKeyspaces.Types, schema));
        Assert.Equal("address", typeRow["type_name"]);
        Assert.Equal(["street", "zip"], Assert.IsAssignableFrom<IEnumerable<object?>>(typeRow["field_names"]).Cast<string>());
        Assert.Equal(["text", "int"], Assert.IsAssignableFrom<IEnumerable<object?>>(typeRow["field_types"]).Cast<string>());
    }

    [Fact]
    public void LocalRowDescribesTheNodeAndCurrentSchemaVersion()
    {
        var schema = WithKeyspace();
        var row = Assert.Single(Rows(SystemKeyspaces.Local, schema));
        Assert.Equal("local", row["key"]);
        Assert.Equal("COMPLETED", row["bootstrapped"]);
        Assert.Equal("Test Cluster", row["cluster_name"]);
        Assert.Equal("datacenter1", row["data_center"]);
        Assert.Equal("rack1", row["rack"]);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), row["rpc_address"]);
        Assert.Equal(9042, row["rpc_port"]);
        Assert.Equal(IPAddress.Parse("127.0.0.1"), row["broadcast_address"]);
        Assert.Equal("org.apache.cassandra.dht.Murmur3Partitioner", row["partitioner"]);
        Assert.Equal("4.1.5", row["release_version"]);
        Assert.Equal(schema.Version, row["schema_version"]);
        Assert.Equal(["-100", "42"], Assert.IsAssignableFrom<IEnumerable<object?>>(row["tokens"]).Cast<string>().Order(StringComparer.Ordinal));

        var changed = schema.Without("ks", "DROP ks");
        Assert.Equal(changed.Version, Assert.Single(Rows(SystemKeyspaces.Local, changed))["schema_version"]);
    }

    [Fact]
    public void GeneratedTablesAreTheNodesOwn()
    {
        Assert.True(SystemRows.IsGenerated(SystemKeyspaces.Local));
        Assert.True(SystemRows.IsGenerated(SystemKeyspaces.Columns));
        Assert.True(SystemRows.IsGenerated(SystemKeyspaces.VirtualTables));
        Assert.False(SystemRows.IsGenerated(Events()));
        Assert.Empty(SystemRows.Build(SystemKeyspaces.Peers, WithKeyspace(), Node()));
    }
}
