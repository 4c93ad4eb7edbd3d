using System.Net;
using Sibyl.Data.Model;
using Sibyl.Data.Types;
using Sibyl.Schema.SystemTables;

namespace Sibyl.Schema.Tests;

/// <summary>A user keyspace with one table, and helpers to read the rows SystemRows generates.</summary>
internal static class SchemaFixture
{
    public static readonly Guid TableId = new("5a1c3b2e-0000-4000-8000-000000000001");

    public static readonly string[] Datacenters = ["datacenter1"];

    /// <summary>CREATE TABLE ks.events (day int, bucket text, ts timeuuid, payload blob, tags set&lt;text&gt;,
    /// owner text STATIC, attrs frozen&lt;map&lt;text, int&gt;&gt;, PRIMARY KEY ((day, bucket), ts, seq))
    /// WITH CLUSTERING ORDER BY (ts DESC, seq ASC)</summary>
    public static TableMetadata Events() => new("ks", "events", TableId,
    [
        new ColumnMetadata("day", CqlType.Int, ColumnKind.PartitionKey, 0, ClusteringOrder.None),
        new ColumnMetadata("bucket", CqlType.Text, ColumnKind.PartitionKey, 1, ClusteringOrder.None),
        new ColumnMetadata("ts", CqlType.Timeuuid, ColumnKind.Clustering, 0, ClusteringOrder.Desc),
        new ColumnMetadata("seq", CqlType.BigInt, ColumnKind.Clustering, 1, ClusteringOrder.Asc),
        new ColumnMetadata("owner", CqlType.Text, ColumnKind.Static, -1, ClusteringOrder.None),
        new ColumnMetadata("payload", CqlType.Blob, ColumnKind.Regular, -1, ClusteringOrder.None),
        new ColumnMetadata("tags", new SetType(CqlType.Text, true), ColumnKind.Regular, -1, ClusteringOrder.None),
        new ColumnMetadata("attrs", new MapType(CqlType.Text, CqlType.Int, false), ColumnKind.Regular, -1, ClusteringOrder.None),
    ], TableParams.Default with { Comment = "user events", DefaultTimeToLive = 3600 });

    public static KeyspaceMetadata Keyspace() =>
        KeyspaceMetadata.Create("ks", ReplicationParams.FromMap(
            new Dictionary<string, string> { ["class"] = "SimpleStrategy", ["replication_factor"] = "1" }, "ks", Datacenters), true)
            .WithTable(Events());

    public static SchemaSnapshot WithKeyspace() => SystemKeyspaces.InitialSchema().With(Keyspace(), "CREATE ks");

    public static LocalNodeInfo Node() => new(
        "Test Cluster", new Guid("11111111-2222-3333-4444-555555555555"), IPAddress.Parse("127.0.0.1"), 7000,
        IPAddress.Parse("127.0.0.2"), 9042, "datacenter1", "rack1", [-100L, 42L], "4.1.5", "3.4.6", "5", 1700000000);

    /// <summary>Every generated row of a system table as column name to composed value, primary key included.</summary>
    public static List<Dictionary<string, object?>> Rows(TableMetadata table, SchemaSnapshot schema)
    {
        var result = new List<Dictionary<string, object?>>();
        foreach (var update in SystemRows.Build(table, schema, Node()))
        {
            Assert.Equal(table.Id, update.TableId);
            var pk = PartitionKeys.Split(update.Key.Key, table.PartitionKeyColumns.Length);
            foreach (var row in update.Rows)
            {
                var values = new Dictionary<string, object?>();
                for (int i = 0; i < pk.Length; i++)
                    values[table.PartitionKeyColumns[i].Name] = table.PartitionKeyColumns[i].Type.Compose(pk[i]);
                for (int i = 0; i < table.ClusteringColumns.Length; i++)
                    values[table.ClusteringColumns[i].Name] = table.ClusteringColumns[i].Type.Compose(row.Clustering[i]);
                foreach (var cell in row.Cells)
                    values[cell.Column] = table.GetColumn(cell.Column)!.Type.Compose(cell.Value);
                Assert.True(row.HasLiveData(int.MaxValue - 1));
                result.Add(values);
            }
        }
        return result;
    }
}
