namespace Sibyl.Schema.SystemTables;

/// <summary>system_schema.views and system.built_views rows, from the live schema.</summary>
public static partial class SystemRows
{
    private static IEnumerable<Dictionary<string, object?>> ViewRows(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
        {
            if (ks.IsVirtual) continue;
            foreach (var t in ks.Tables.Values)
            {
                if (t.View is not { } v) continue;
                var p = t.Params;
                yield return new()
                {
                    ["keyspace_name"] = ks.Name,
                    ["view_name"] = t.Name,
                    ["base_table_id"] = v.BaseTableId,
                    ["base_table_name"] = v.BaseTableName,
                    ["id"] = t.Id,
                    ["include_all_columns"] = v.IncludeAllColumns,
                    ["where_clause"] = v.WhereClause,
                    ["additional_write_policy"] = p.AdditionalWritePolicy,
                    ["bloom_filter_fp_chance"] = p.BloomFilterFpChance,
                    ["caching"] = TextMap(p.Caching),
                    ["cdc"] = p.Cdc,
                    ["comment"] = p.Comment,
                    ["compaction"] = TextMap(p.Compaction),
                    ["compression"] = TextMap(p.Compression),
                    ["crc_check_chance"] = p.CrcCheckChance,
                    ["default_time_to_live"] = p.DefaultTimeToLive,
                    ["extensions"] = p.Extensions.Select(kv => new KeyValuePair<object?, object?>(kv.Key, kv.Value)).ToList(),
                    ["gc_grace_seconds"] = p.GcGraceSeconds,
                    ["max_index_interval"] = p.MaxIndexInterval,
                    ["memtable_flush_period_in_ms"] = p.MemtableFlushPeriodInMs,
                    ["min_index_interval"] = p.MinIndexInterval,
                    ["read_repair"] = p.ReadRepair,
                    ["speculative_retry"] = p.SpeculativeRetry,
                };
            }
        }
    }

    /// <summary>Views are built synchronously when created, so every view of the schema is built.</summary>
    private static IEnumerable<Dictionary<string, object?>> BuiltViewRows(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
            foreach (var t in ks.Tables.Values)
                if (t.IsView)
                    yield return new() { ["keyspace_name"] = ks.Name, ["view_name"] = t.Name, ["status_replicated"] = true };
    }
}
