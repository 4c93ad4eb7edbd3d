using System.Globalization;
using System.Text;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;

namespace Sibyl.Schema.SystemTables;

/// <summary>
/// Produces the rows of the node's own tables from live state: the schema snapshot for system_schema and
/// system_virtual_schema, the node's identity for system.local. The coordinator reads them through the
/// same read path as user tables, so column lists, WHERE and LIMIT behave identically.
/// </summary>
public static partial class SystemRows
{
    public static bool IsGenerated(TableMetadata table) =>
        table.Keyspace is SchemaConstants.System or SchemaConstants.SystemSchema or SchemaConstants.SystemVirtualSchema
        && (table.Keyspace != SchemaConstants.System || table.Name is "local" or "peers" or "peers_v2" or "IndexInfo" or "built_views");

    public static IEnumerable<PartitionUpdate> Build(TableMetadata table, SchemaSnapshot schema, LocalNodeInfo node)
    {
        var rows = (table.Keyspace, table.Name) switch
        {
            (SchemaConstants.System, "local") => LocalRows(schema, node),
            // No peers on a ring of one. (size_estimates is a stored table, written by the Host's SizeEstimatesRecorder.)
            (SchemaConstants.System, "peers") or (SchemaConstants.System, "peers_v2") => [],
            (SchemaConstants.SystemSchema, "keyspaces") => KeyspaceRows(schema, virtualOnes: false),
            (SchemaConstants.SystemSchema, "tables") => TableRows(schema),
            (SchemaConstants.SystemSchema, "columns") => ColumnRows(schema, virtualOnes: false),
            (SchemaConstants.SystemSchema, "dropped_columns") => DroppedColumnRows(schema),
            (SchemaConstants.SystemSchema, "types") => TypeRows(schema),
            (SchemaConstants.SystemSchema, "views") => ViewRows(schema),
            (SchemaConstants.System, "built_views") => BuiltViewRows(schema),
            (SchemaConstants.SystemSchema, "indexes") => IndexRows.Schema(schema),
            (SchemaConstants.System, "IndexInfo") => IndexRows.Built(schema),
            (SchemaConstants.SystemVirtualSchema, "keyspaces") => KeyspaceRows(schema, virtualOnes: true),
            (SchemaConstants.SystemVirtualSchema, "tables") => VirtualTableRows(schema),
            (SchemaConstants.SystemVirtualSchema, "columns") => ColumnRows(schema, virtualOnes: true),
            _ => [],
        };
        return ToUpdates(table, rows);
    }

    private static IEnumerable<Dictionary<string, object?>> LocalRows(SchemaSnapshot schema, LocalNodeInfo node)
    {
        yield return new()
        {
            ["key"] = "local",
            ["bootstrapped"] = "COMPLETED",
            ["broadcast_address"] = node.ListenAddress,
            ["broadcast_port"] = node.ListenPort,
            ["cluster_name"] = node.ClusterName,
            ["cql_version"] = node.CqlVersion,
            ["data_center"] = node.DataCenter,
            ["gossip_generation"] = node.GossipGeneration,
            ["host_id"] = node.HostId,
            ["listen_address"] = node.ListenAddress,
            ["listen_port"] = node.ListenPort,
            ["native_protocol_version"] = node.NativeProtocolVersion,
            ["partitioner"] = LocalNodeInfo.Partitioner,
            ["rack"] = node.Rack,
            ["release_version"] = node.ReleaseVersion,
            ["rpc_address"] = node.RpcAddress,
            ["rpc_port"] = node.NativePort,
            ["schema_version"] = schema.Version,
            ["tokens"] = node.Tokens.Select(t => (object?)t.ToString(CultureInfo.InvariantCulture)).ToList(),
        };
    }

    private static IEnumerable<Dictionary<string, object?>> KeyspaceRows(SchemaSnapshot schema, bool virtualOnes)
    {
        foreach (var ks in schema.Keyspaces.Values)
        {
            if (ks.IsVirtual != virtualOnes) continue;
            if (virtualOnes)
            {
                yield return new() { ["keyspace_name"] = ks.Name };
                continue;
            }
            yield return new()
            {
                ["keyspace_name"] = ks.Name,
                ["durable_writes"] = ks.DurableWrites,
                ["replication"] = TextMap(ks.Replication.ToMap()),
            };
        }
    }

    /// <summary>The table-option columns system_schema.tables and system_schema.views share.</summary>
    private static Dictionary<string, object?> WithTableParams(this Dictionary<string, object?> row, TableParams p)
    {
        row["additional_write_policy"] = p.AdditionalWritePolicy;
        row["bloom_filter_fp_chance"] = p.BloomFilterFpChance;
        row["caching"] = TextMap(p.Caching);
        row["cdc"] = p.Cdc;
        row["comment"] = p.Comment;
        row["compaction"] = TextMap(p.Compaction);
        row["compression"] = TextMap(p.Compression);
        row["crc_check_chance"] = p.CrcCheckChance;
        row["default_time_to_live"] = p.DefaultTimeToLive;
        row["extensions"] = p.Extensions.Select(kv => new KeyValuePair<object?, object?>(kv.Key, kv.Value)).ToList();
        row["gc_grace_seconds"] = p.GcGraceSeconds;
        row["max_index_interval"] = p.MaxIndexInterval;
        row["memtable_flush_period_in_ms"] = p.MemtableFlushPeriodInMs;
        row["min_index_interval"] = p.MinIndexInterval;
        row["read_repair"] = p.ReadRepair;
        row["speculative_retry"] = p.SpeculativeRetry;
        return row;
    }

    private static IEnumerable<Dictionary<string, object?>> TableRows(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
        {
            if (ks.IsVirtual) continue;
            foreach (var t in ks.Tables.Values)
            {
                if (t.IsView) continue; // listed in system_schema.views
                var p = t.Params;
                var flags = t.Flags.Select(f => (object?)f).ToList();
                yield return new Dictionary<string, object?>
                {
                    ["keyspace_name"] = ks.Name,
                    ["table_name"] = t.Name,
                    ["flags"] = flags,
                    ["id"] = t.Id,
                }.WithTableParams(p);
            }
        }
    }

    private static IEnumerable<Dictionary<string, object?>> VirtualTableRows(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
        {
            if (!ks.IsVirtual) continue;
            foreach (var t in ks.Tables.Values)
                yield return new() { ["keyspace_name"] = ks.Name, ["table_name"] = t.Name, ["comment"] = t.Params.Comment };
        }
    }

    private static IEnumerable<Dictionary<string, object?>> ColumnRows(SchemaSnapshot schema, bool virtualOnes)
    {
        foreach (var ks in schema.Keyspaces.Values)
        {
            if (ks.IsVirtual != virtualOnes) continue;
            foreach (var t in ks.Tables.Values)
            {
                foreach (var c in t.Columns.Values)
                {
                    yield return new()
                    {
                        ["keyspace_name"] = ks.Name,
                        ["table_name"] = t.Name,
                        ["column_name"] = c.Name,
                        ["clustering_order"] = c.Order.ToString().ToLowerInvariant(),
                        ["column_name_bytes"] = Encoding.UTF8.GetBytes(c.Name),
                        ["kind"] = t.SchemaKindOf(c).ToSchemaString(),
                        ["position"] = c.Position,
                        ["type"] = c.Type.CqlName,
                    };
                }
                foreach (var (name, type, kind) in t.HiddenCompactColumns())
                    yield return HiddenCompactColumnRow(ks.Name, t.Name, name, type, kind);
            }
        }
    }

    private static IEnumerable<Dictionary<string, object?>> DroppedColumnRows(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
            foreach (var t in ks.Tables.Values)
                foreach (var d in t.DroppedColumns.Values)
                {
                    yield return new()
                    {
                        ["keyspace_name"] = ks.Name,
                        ["table_name"] = t.Name,
                        ["column_name"] = d.Name,
                        ["dropped_time"] = DateTimeOffset.FromUnixTimeMilliseconds(d.DroppedTime / 1000),
                        ["kind"] = d.Kind.ToSchemaString(),
                        ["type"] = d.Type.CqlName,
                    };
                }
    }

    private static IEnumerable<Dictionary<string, object?>> TypeRows(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
            foreach (var type in ks.Types.Values)
            {
                yield return new()
                {
                    ["keyspace_name"] = ks.Name,
                    ["type_name"] = type.Name,
                    ["field_names"] = type.FieldNames.Select(n => (object?)n).ToList(),
                    ["field_types"] = type.FieldTypes.Select(f => (object?)f.CqlName).ToList(),
                };
            }
    }

    private static List<KeyValuePair<object?, object?>> TextMap(IReadOnlyDictionary<string, string> map) =>
        map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new KeyValuePair<object?, object?>(kv.Key, kv.Value)).ToList();

    /// <summary>Turns column-name/value rows into partition updates of <paramref name="table"/>.</summary>
    private static IEnumerable<PartitionUpdate> ToUpdates(TableMetadata table, IEnumerable<Dictionary<string, object?>> rows)
    {
        var updates = new Dictionary<DecoratedKey, PartitionUpdate>();
        foreach (var values in rows)
        {
            var pk = table.PartitionKeyColumns.Select(c => c.Type.Decompose(values[c.Name]!)).ToArray();
            var key = PartitionKeys.Decorate(pk);
            if (!updates.TryGetValue(key, out var update))
                updates[key] = update = new PartitionUpdate(table.Id, key);
            var clustering = table.ClusteringColumns.Length == 0
                ? Clustering.Empty
                : new Clustering([.. table.ClusteringColumns.Select(c => c.Type.Decompose(values[c.Name]!))]);
            var cells = new List<Cell>();
            foreach (var (name, value) in values)
            {
                var column = table.GetColumn(name);
                if (column is null || column.IsPrimaryKey || value is null) continue;
                cells.Add(Cell.Live(name, column.Type.Decompose(value), 0));
            }
            update.Add(Row.Create(clustering, new LivenessInfo(0, LivenessInfo.NoTtl, LivenessInfo.NoExpiration), DeletionTime.Live, cells));
        }
        return updates.Values;
    }
}
