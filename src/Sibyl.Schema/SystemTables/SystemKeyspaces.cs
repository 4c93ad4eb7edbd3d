using Sibyl.Data.Types;

namespace Sibyl.Schema.SystemTables;

/// <summary>
/// The keyspaces every node defines itself, with the columns drivers read (Cassandra 4.1's layouts):
/// system (local, peers, peers_v2), system_schema and system_virtual_schema. Their rows are produced from
/// live state by <see cref="SystemRows"/>, never stored or canned.
/// </summary>
public static class SystemKeyspaces
{
    private static readonly CqlType Text = CqlType.Text;
    private static readonly CqlType FrozenTextMap = new MapType(CqlType.Text, CqlType.Text, false);
    private static readonly CqlType FrozenBlobMap = new MapType(CqlType.Text, CqlType.Blob, false);
    private static readonly CqlType FrozenTextList = new ListType(CqlType.Text, false);
    private static readonly CqlType FrozenTextSet = new SetType(CqlType.Text, false);
    private static readonly CqlType TextSet = new SetType(CqlType.Text, true);

    public static readonly TableMetadata Local = new TableBuilder(SchemaConstants.System, "local")
        .Pk("key", Text)
        .Col("bootstrapped", Text).Col("broadcast_address", CqlType.Inet).Col("broadcast_port", CqlType.Int)
        .Col("cluster_name", Text).Col("cql_version", Text).Col("data_center", Text)
        .Col("gossip_generation", CqlType.Int).Col("host_id", CqlType.Uuid).Col("listen_address", CqlType.Inet)
        .Col("listen_port", CqlType.Int).Col("native_protocol_version", Text).Col("partitioner", Text)
        .Col("rack", Text).Col("release_version", Text).Col("rpc_address", CqlType.Inet).Col("rpc_port", CqlType.Int)
        .Col("schema_version", CqlType.Uuid).Col("tokens", TextSet)
        .Col("truncated_at", new MapType(CqlType.Uuid, CqlType.Blob, true))
        .Build(comment: "information about the local node");

    public static readonly TableMetadata Peers = new TableBuilder(SchemaConstants.System, "peers")
        .Pk("peer", CqlType.Inet)
        .Col("data_center", Text).Col("host_id", CqlType.Uuid).Col("preferred_ip", CqlType.Inet).Col("rack", Text)
        .Col("release_version", Text).Col("rpc_address", CqlType.Inet).Col("schema_version", CqlType.Uuid)
        .Col("tokens", TextSet)
        .Build(comment: "information about known peers in the cluster");

    public static readonly TableMetadata PeersV2 = new TableBuilder(SchemaConstants.System, "peers_v2")
        .Pk("peer", CqlType.Inet).Ck("peer_port", CqlType.Int)
        .Col("data_center", Text).Col("host_id", CqlType.Uuid).Col("native_address", CqlType.Inet)
        .Col("native_port", CqlType.Int).Col("preferred_ip", CqlType.Inet).Col("preferred_port", CqlType.Int)
        .Col("rack", Text).Col("release_version", Text).Col("schema_version", CqlType.Uuid).Col("tokens", TextSet)
        .Build(comment: "information about known peers in the cluster");

    public static readonly TableMetadata SizeEstimates = new TableBuilder(SchemaConstants.System, "size_estimates")
        .Pk("keyspace_name", Text).Ck("table_name", Text).Ck("range_start", Text).Ck("range_end", Text)
        .Col("mean_partition_size", CqlType.BigInt).Col("partitions_count", CqlType.BigInt)
        .Build(comment: "per-table primary range size estimates, table is deprecated in favor of table_estimates");

    /// <summary>Paxos state of lightweight transactions, per partition and table (Cassandra's system.paxos).</summary>
    public static readonly TableMetadata Paxos = new TableBuilder(SchemaConstants.System, "paxos")
        .Pk("row_key", CqlType.Blob).Ck("cf_id", CqlType.Uuid)
        .Col("in_progress_ballot", CqlType.Timeuuid).Col("most_recent_commit", CqlType.Blob)
        .Col("most_recent_commit_at", CqlType.Timeuuid).Col("proposal", CqlType.Blob).Col("proposal_ballot", CqlType.Timeuuid)
        .Build(comment: "in-progress paxos proposals");

    /// <summary>Logged batches awaiting replay (Cassandra 4's system.batches); written and replayed by the coordinator's BatchlogManager.</summary>
    public static readonly TableMetadata Batches = new TableBuilder(SchemaConstants.System, "batches")
        .Pk("id", CqlType.Timeuuid)
        .Col("mutations", new ListType(CqlType.Blob, true)).Col("version", CqlType.Int)
        .Build(comment: "batches awaiting replay");

    /// <summary>Built secondary indexes (table_name holds the keyspace name, as in Cassandra).</summary>
    public static readonly TableMetadata IndexInfo = new TableBuilder(SchemaConstants.System, "IndexInfo")
        .Pk("table_name", Text).Ck("index_name", Text)
        .Col("value", CqlType.Blob)
        .Build(comment: "built column indexes");

    /// <summary>Materialized views whose build finished (Cassandra's system.built_views).</summary>
    public static readonly TableMetadata BuiltViews = new TableBuilder(SchemaConstants.System, "built_views")
        .Pk("keyspace_name", Text).Ck("view_name", Text)
        .Col("status_replicated", CqlType.Boolean)
        .Build(comment: "built views");

    public static readonly TableMetadata Keyspaces = new TableBuilder(SchemaConstants.SystemSchema, "keyspaces")
        .Pk("keyspace_name", Text)
        .Col("durable_writes", CqlType.Boolean).Col("replication", FrozenTextMap)
        .Build(comment: "keyspace definitions");

    public static readonly TableMetadata Tables = WithTableParamColumns(new TableBuilder(SchemaConstants.SystemSchema, "tables")
        .Pk("keyspace_name", Text).Ck("table_name", Text)
        .Col("flags", FrozenTextSet).Col("id", CqlType.Uuid))
        .Build(comment: "table definitions");

    public static readonly TableMetadata Columns = new TableBuilder(SchemaConstants.SystemSchema, "columns")
        .Pk("keyspace_name", Text).Ck("table_name", Text).Ck("column_name", Text)
        .Col("clustering_order", Text).Col("column_name_bytes", CqlType.Blob).Col("kind", Text)
        .Col("position", CqlType.Int).Col("type", Text)
        .Build(comment: "column definitions");

    public static readonly TableMetadata DroppedColumns = new TableBuilder(SchemaConstants.SystemSchema, "dropped_columns")
        .Pk("keyspace_name", Text).Ck("table_name", Text).Ck("column_name", Text)
        .Col("dropped_time", CqlType.Timestamp).Col("kind", Text).Col("type", Text)
        .Build(comment: "dropped column registry");

    public static readonly TableMetadata Triggers = new TableBuilder(SchemaConstants.SystemSchema, "triggers")
        .Pk("keyspace_name", Text).Ck("table_name", Text).Ck("trigger_name", Text)
        .Col("options", FrozenTextMap)
        .Build(comment: "trigger definitions");

    public static readonly TableMetadata Views = WithTableParamColumns(new TableBuilder(SchemaConstants.SystemSchema, "views")
        .Pk("keyspace_name", Text).Ck("view_name", Text)
        .Col("base_table_id", CqlType.Uuid).Col("base_table_name", Text).Col("id", CqlType.Uuid)
        .Col("include_all_columns", CqlType.Boolean).Col("where_clause", Text))
        .Build(comment: "view definitions");

    public static readonly TableMetadata Types = new TableBuilder(SchemaConstants.SystemSchema, "types")
        .Pk("keyspace_name", Text).Ck("type_name", Text)
        .Col("field_names", FrozenTextList).Col("field_types", FrozenTextList)
        .Build(comment: "user defined type definitions");

    public static readonly TableMetadata Functions = new TableBuilder(SchemaConstants.SystemSchema, "functions")
        .Pk("keyspace_name", Text).Ck("function_name", Text).Ck("argument_types", FrozenTextList)
        .Col("argument_names", FrozenTextList).Col("body", Text).Col("called_on_null_input", CqlType.Boolean)
        .Col("language", Text).Col("return_type", Text)
        .Build(comment: "user defined function definitions");

    public static readonly TableMetadata Aggregates = new TableBuilder(SchemaConstants.SystemSchema, "aggregates")
        .Pk("keyspace_name", Text).Ck("aggregate_name", Text).Ck("argument_types", FrozenTextList)
        .Col("final_func", Text).Col("initcond", Text).Col("return_type", Text).Col("state_func", Text)
        .Col("state_type", Text)
        .Build(comment: "user defined aggregate definitions");

    public static readonly TableMetadata Indexes = new TableBuilder(SchemaConstants.SystemSchema, "indexes")
        .Pk("keyspace_name", Text).Ck("table_name", Text).Ck("index_name", Text)
        .Col("kind", Text).Col("options", FrozenTextMap)
        .Build(comment: "secondary index definitions");

    public static readonly TableMetadata VirtualKeyspaces = new TableBuilder(SchemaConstants.SystemVirtualSchema, "keyspaces")
        .Pk("keyspace_name", Text)
        .Build(isVirtual: true, comment: "virtual keyspace definitions");

    public static readonly TableMetadata VirtualTables = new TableBuilder(SchemaConstants.SystemVirtualSchema, "tables")
        .Pk("keyspace_name", Text).Ck("table_name", Text)
        .Col("comment", Text)
        .Build(isVirtual: true, comment: "virtual table definitions");

    public static readonly TableMetadata VirtualColumns = new TableBuilder(SchemaConstants.SystemVirtualSchema, "columns")
        .Pk("keyspace_name", Text).Ck("table_name", Text).Ck("column_name", Text)
        .Col("clustering_order", Text).Col("column_name_bytes", CqlType.Blob).Col("kind", Text)
        .Col("position", CqlType.Int).Col("type", Text)
        .Build(isVirtual: true, comment: "virtual column definitions");

    private static TableBuilder WithTableParamColumns(TableBuilder b) => b
        .Col("additional_write_policy", Text).Col("bloom_filter_fp_chance", CqlType.Double)
        .Col("caching", FrozenTextMap).Col("cdc", CqlType.Boolean).Col("comment", Text)
        .Col("compaction", FrozenTextMap).Col("compression", FrozenTextMap).Col("crc_check_chance", CqlType.Double)
        .Col("default_time_to_live", CqlType.Int).Col("extensions", FrozenBlobMap).Col("gc_grace_seconds", CqlType.Int)
        .Col("max_index_interval", CqlType.Int).Col("memtable_flush_period_in_ms", CqlType.Int)
        .Col("min_index_interval", CqlType.Int).Col("read_repair", Text).Col("speculative_retry", Text);

    /// <summary>The schema a fresh node starts with: only its own keyspaces (system_distributed included).</summary>
    public static SchemaSnapshot InitialSchema()
    {
        var system = KeyspaceMetadata.Create(SchemaConstants.System, ReplicationParams.Local, true)
            .WithTable(Local).WithTable(Peers).WithTable(PeersV2).WithTable(SizeEstimates).WithTable(Paxos).WithTable(IndexInfo).WithTable(Batches).WithTable(BuiltViews);
        var systemSchema = KeyspaceMetadata.Create(SchemaConstants.SystemSchema, ReplicationParams.Local, true);
        foreach (var t in new[] { Keyspaces, Tables, Columns, DroppedColumns, Triggers, Views, Types, Functions, Aggregates, Indexes })
            systemSchema = systemSchema.WithTable(t);
        var virtualSchema = KeyspaceMetadata.Create(SchemaConstants.SystemVirtualSchema, ReplicationParams.Local, true, isVirtual: true)
            .WithTable(VirtualKeyspaces).WithTable(VirtualTables).WithTable(VirtualColumns);
        return SchemaSnapshot.Empty
            .With(system, "system")
            .With(systemSchema, "system_schema")
            .With(virtualSchema, "system_virtual_schema")
            .With(SystemDistributedKeyspace.Metadata(), "system_distributed");
    }
}
