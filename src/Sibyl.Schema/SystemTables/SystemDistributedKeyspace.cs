using Sibyl.Data.Types;

namespace Sibyl.Schema.SystemTables;

/// <summary>
/// The system_distributed keyspace (Cassandra 4.1's SystemDistributedKeyspace, generation 6): a replicated
/// keyspace (SimpleStrategy, replication_factor 3, which a smaller ring simply cannot fill) whose tables are
/// stored like user tables. Users may change its replication but not its tables. view_build_status is written
/// by the view builder; the repair tables wait for repair.
/// </summary>
public static class SystemDistributedKeyspace
{
    public const string Name = SchemaConstants.SystemDistributed;

    /// <summary>Cassandra's SYSTEM_DISTRIBUTED_DEFAULT_RF.</summary>
    public const int DefaultReplicationFactor = 3;

    /// <summary>Values of view_build_status.status (Cassandra's BuildStatus).</summary>
    public const string BuildStarted = "STARTED";
    public const string BuildSuccess = "SUCCESS";

    private static readonly CqlType Text = CqlType.Text;

    /// <summary>Repair tables keep 30 days of history, compacted by day (generation 5).</summary>
    private static readonly TableParams RepairParams = TableParams.Default with
    {
        Comment = "Repair history",
        DefaultTimeToLive = 30 * 24 * 3600,
        Compaction = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["class"] = "org.apache.cassandra.db.compaction.TimeWindowCompactionStrategy",
            ["compaction_window_size"] = "1",
            ["compaction_window_unit"] = "DAYS",
            ["max_threshold"] = "32",
            ["min_threshold"] = "4",
        },
    };

    public static readonly TableMetadata RepairHistory = new TableBuilder(Name, "repair_history")
        .Pk("keyspace_name", Text).Pk("columnfamily_name", Text).Ck("id", CqlType.Timeuuid)
        .Col("coordinator", CqlType.Inet).Col("coordinator_port", CqlType.Int)
        .Col("exception_message", Text).Col("exception_stacktrace", Text).Col("finished_at", CqlType.Timestamp)
        .Col("parent_id", CqlType.Timeuuid).Col("participants", new SetType(CqlType.Inet, true))
        .Col("participants_v2", new SetType(Text, true)).Col("range_begin", Text).Col("range_end", Text)
        .Col("started_at", CqlType.Timestamp).Col("status", Text)
        .Build(RepairParams);

    public static readonly TableMetadata ParentRepairHistory = new TableBuilder(Name, "parent_repair_history")
        .Pk("parent_id", CqlType.Timeuuid)
        .Col("columnfamily_names", new SetType(Text, true)).Col("exception_message", Text)
        .Col("exception_stacktrace", Text).Col("finished_at", CqlType.Timestamp).Col("keyspace_name", Text)
        .Col("options", new MapType(Text, Text, true)).Col("requested_ranges", new SetType(Text, true))
        .Col("started_at", CqlType.Timestamp).Col("successful_ranges", new SetType(Text, true))
        .Build(RepairParams);

    public static readonly TableMetadata ViewBuildStatus = new TableBuilder(Name, "view_build_status")
        .Pk("keyspace_name", Text).Pk("view_name", Text).Ck("host_id", CqlType.Uuid)
        .Col("status", Text)
        .Build(TableParams.Default with { Comment = "Materialized View build status" });

    public static readonly TableMetadata PartitionDenylist = new TableBuilder(Name, "partition_denylist")
        .Pk("ks_name", Text).Pk("table_name", Text).Ck("key", CqlType.Blob)
        .Build(TableParams.Default with { Comment = "Partition keys which have been denied access" });

    /// <summary>The keyspace as a fresh node defines it; a saved definition (changed replication) replaces it.</summary>
    public static KeyspaceMetadata Metadata()
    {
        var replication = new ReplicationParams(ReplicationParams.SimpleStrategy,
            new Dictionary<string, string> { ["replication_factor"] = DefaultReplicationFactor.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return KeyspaceMetadata.Create(Name, replication, durableWrites: true)
            .WithTable(RepairHistory).WithTable(ParentRepairHistory).WithTable(ViewBuildStatus).WithTable(PartitionDenylist);
    }
}
