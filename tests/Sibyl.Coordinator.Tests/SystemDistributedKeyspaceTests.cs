using Sibyl.Common.Errors;
using Sibyl.Data.Types;

namespace Sibyl.Coordinator.Tests;

/// <summary>system_distributed: a replicated keyspace shown in system_schema whose tables users cannot change.</summary>
public class SystemDistributedKeyspaceTests
{
    private readonly CqlTestNode _node = new();

    private static Dictionary<string, string> Replication(byte[] value) =>
        ((List<KeyValuePair<object, object>>)new MapType(CqlType.Text, CqlType.Text, false).Compose(value)!)
            .ToDictionary(kv => (string)kv.Key, kv => (string)kv.Value);

    private string Unauthorized(string cql) => Assert.Throws<UnauthorizedException>(() => _node.Run(cql)).Message;

    [Fact]
    public void KeyspaceAndTablesAreInSystemSchema()
    {
        var replication = Assert.Single(_node.Rows("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_distributed'"));
        var map = Replication(replication[0]!);
        Assert.Equal("org.apache.cassandra.locator.SimpleStrategy", map["class"]);
        Assert.Equal("3", map["replication_factor"]);
        var tables = _node.Rows("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'system_distributed'")
            .Select(r => (string)CqlType.Text.Compose(r[0]!)!).ToList();
        Assert.Equal(["parent_repair_history", "partition_denylist", "repair_history", "view_build_status"], tables);
        var columns = _node.Rows("SELECT column_name, kind FROM system_schema.columns WHERE keyspace_name = 'system_distributed' AND table_name = 'view_build_status'")
            .Select(r => (string)CqlType.Text.Compose(r[0]!)! + ":" + (string)CqlType.Text.Compose(r[1]!)!).ToList();
        Assert.Equal(["host_id:clustering", "keyspace_name:partition_key", "status:regular", "view_name:partition_key"], columns);
    }

    [Fact]
    public void OnlyItsReplicationMayChange()
    {
        Assert.Equal("Cannot DROP <keyspace system_distributed>", Unauthorized("DROP KEYSPACE system_distributed"));
        Assert.Equal("Cannot DROP <table system_distributed.view_build_status>", Unauthorized("DROP TABLE system_distributed.view_build_status"));
        Assert.Equal("Cannot ALTER <table system_distributed.repair_history>", Unauthorized("ALTER TABLE system_distributed.repair_history ADD x int"));
        Assert.Equal("Cannot CREATE <all tables in system_distributed>", Unauthorized("CREATE TABLE system_distributed.t (k int PRIMARY KEY)"));
        Assert.Equal("Cannot CREATE <all tables in system_distributed>", Unauthorized("CREATE TYPE system_distributed.u (a int)"));
        Assert.Equal("Cannot ALTER <table system_distributed.view_build_status>", Unauthorized("CREATE INDEX ON system_distributed.view_build_status (status)"));
        _node.Run("ALTER KEYSPACE system_distributed WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        Assert.Equal("1", Replication(_node.Rows("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_distributed'")[0][0]!)["replication_factor"]);
    }
}
