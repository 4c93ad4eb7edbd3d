using System.Collections.Immutable;
using System.Text.Json;
using Sibyl.Data.Types;

namespace Sibyl.Schema.Persistence;

/// <summary>
/// Keeps the user schema (keyspaces with replication, durable_writes, user types and tables with their ids,
/// columns, params and dropped columns) in &lt;data-dir&gt;/schema/schema.json. Every save writes a temporary
/// file, fsyncs it and renames it over the old one, so a crash leaves either the old or the new schema.
/// Table ids are kept: stored data is keyed by them.
/// </summary>
public sealed class SchemaStore
{
    public const int FormatVersion = 1;

    private readonly object _saveLock = new();

    public SchemaStore(string dataDirectory)
    {
        FilePath = Path.Combine(Path.GetFullPath(dataDirectory), "schema", "schema.json");
    }

    public string FilePath { get; }

    /// <summary>The keyspaces saved last, or none when nothing was ever saved.</summary>
    public IReadOnlyList<KeyspaceMetadata> Load() =>
        File.Exists(FilePath) ? Deserialize(File.ReadAllBytes(FilePath)) : [];

    /// <summary>The snapshot <paramref name="initial"/> plus the saved keyspaces.</summary>
    public SchemaSnapshot LoadInto(SchemaSnapshot initial)
    {
        var snapshot = initial;
        foreach (var keyspace in Load()) snapshot = snapshot.With(keyspace, "load " + keyspace.Name);
        return snapshot;
    }

    /// <summary>
    /// Saves the manager's current schema. The snapshot is taken under the save lock, so concurrent changes
    /// can never leave an older schema on disk after a newer one.
    /// </summary>
    public void SaveCurrent(SchemaManager manager)
    {
        lock (_saveLock) Save(manager.Current);
    }

    /// <summary>Saves the user keyspaces of <paramref name="snapshot"/> (system and virtual ones are built in).</summary>
    public void Save(SchemaSnapshot snapshot)
    {
        byte[] json = Serialize(snapshot.Keyspaces.Values.Where(IsPersisted));
        lock (_saveLock)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            string temp = FilePath + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, FilePath, overwrite: true);
        }
    }

    public static bool IsPersisted(KeyspaceMetadata keyspace) => !keyspace.IsSystem && !keyspace.IsVirtual;

    public static byte[] Serialize(IEnumerable<KeyspaceMetadata> keyspaces)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("format_version", FormatVersion);
            w.WriteStartArray("keyspaces");
            foreach (var ks in keyspaces) WriteKeyspace(w, ks);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static IReadOnlyList<KeyspaceMetadata> Deserialize(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        int version = root.GetProperty("format_version").GetInt32();
        if (version != FormatVersion) throw new InvalidDataException($"Unsupported schema file format version {version}");
        var result = new List<KeyspaceMetadata>();
        foreach (var ks in root.GetProperty("keyspaces").EnumerateArray()) result.Add(ReadKeyspace(ks));
        return result;
    }

    private static void WriteKeyspace(Utf8JsonWriter w, KeyspaceMetadata ks)
    {
        w.WriteStartObject();
        w.WriteString("name", ks.Name);
        w.WriteBoolean("durable_writes", ks.DurableWrites);
        WriteMap(w, "replication", ks.Replication.ToMap());
        w.WriteStartArray("types");
        foreach (var type in ks.Types.Values)
        {
            w.WriteStartObject();
            w.WriteString("name", type.Name);
            w.WriteBoolean("multi_cell", type.IsMultiCell);
            w.WriteStartArray("fields");
            for (int i = 0; i < type.FieldNames.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("name", type.FieldNames[i]);
                w.WriteString("type", type.FieldTypes[i].CqlName);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("tables");
        foreach (var table in ks.Tables.Values) WriteTable(w, table);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTable(Utf8JsonWriter w, TableMetadata t)
    {
        w.WriteStartObject();
        w.WriteString("name", t.Name);
        w.WriteString("id", t.Id.ToString("D"));
        w.WriteBoolean("is_counter", t.IsCounter);
        if (t.IsCompactStorage) w.WriteBoolean("is_compact", true);
        w.WriteStartArray("columns");
        foreach (var c in t.Columns.Values.OrderBy(c => c.Kind).ThenBy(c => c.Position).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("type", c.Type.CqlName);
            w.WriteString("kind", c.Kind.ToSchemaString());
            w.WriteNumber("position", c.Position);
            w.WriteString("clustering_order", c.Order.ToString().ToLowerInvariant());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("dropped_columns");
        foreach (var d in t.DroppedColumns.Values)
        {
            w.WriteStartObject();
            w.WriteString("name", d.Name);
            w.WriteString("type", d.Type.CqlName);
            w.WriteString("kind", d.Kind.ToSchemaString());
            w.WriteNumber("dropped_time", d.DroppedTime);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteParams(w, t.Params);
        if (t.Indexes.Length > 0) IndexSerialization.Write(w, t.Indexes);
        if (t.View is not null) ViewSerialization.Write(w, t.View);
        w.WriteEndObject();
    }

    private static void WriteParams(Utf8JsonWriter w, TableParams p)
    {
        w.WriteStartObject("params");
        w.WriteString("comment", p.Comment);
        w.WriteString("additional_write_policy", p.AdditionalWritePolicy);
        w.WriteNumber("bloom_filter_fp_chance", p.BloomFilterFpChance);
        WriteMap(w, "caching", p.Caching);
        w.WriteBoolean("cdc", p.Cdc);
        WriteMap(w, "compaction", p.Compaction);
        WriteMap(w, "compression", p.Compression);
        w.WriteNumber("crc_check_chance", p.CrcCheckChance);
        w.WriteNumber("default_time_to_live", p.DefaultTimeToLive);
        WriteMap(w, "extensions", p.Extensions.ToDictionary(kv => kv.Key, kv => Convert.ToHexString(kv.Value)));
        w.WriteNumber("gc_grace_seconds", p.GcGraceSeconds);
        w.WriteNumber("max_index_interval", p.MaxIndexInterval);
        w.WriteNumber("memtable_flush_period_in_ms", p.MemtableFlushPeriodInMs);
        w.WriteNumber("min_index_interval", p.MinIndexInterval);
        w.WriteString("read_repair", p.ReadRepair);
        w.WriteString("speculative_retry", p.SpeculativeRetry);
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IEnumerable<KeyValuePair<string, string>> map)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(k, v);
        w.WriteEndObject();
    }

    private static KeyspaceMetadata ReadKeyspace(JsonElement e)
    {
        var replicationMap = ReadMap(e.GetProperty("replication"));
        string strategy = replicationMap["class"];
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in replicationMap)
            if (k != "class") options[k] = v;
        var ks = KeyspaceMetadata.Create(e.GetProperty("name").GetString()!, new ReplicationParams(strategy, options),
            e.GetProperty("durable_writes").GetBoolean());

        // User types may name each other: resolve in rounds until every type is built.
        var pending = e.GetProperty("types").EnumerateArray().ToList();
        while (pending.Count > 0)
        {
            var stuck = new List<JsonElement>();
            foreach (var t in pending)
            {
                var type = TryReadUserType(ks, t);
                if (type is null) stuck.Add(t);
                else ks = ks.WithType(type);
            }
            if (stuck.Count == pending.Count)
                throw new InvalidDataException("Unresolvable user types in keyspace " + ks.Name + ": "
                    + string.Join(", ", stuck.Select(t => t.GetProperty("name").GetString())));
            pending = stuck;
        }

        var resolver = Resolver(ks);
        foreach (var t in e.GetProperty("tables").EnumerateArray()) ks = ks.WithTable(ReadTable(ks.Name, t, resolver));
        return ks;
    }

    private static Func<string, UserType?> Resolver(KeyspaceMetadata ks) => name => ks.Types.GetValueOrDefault(name);

    private static UserType? TryReadUserType(KeyspaceMetadata ks, JsonElement t)
    {
        var names = new List<string>();
        var types = new List<CqlType>();
        foreach (var f in t.GetProperty("fields").EnumerateArray())
        {
            names.Add(f.GetProperty("name").GetString()!);
            try
            {
                types.Add(CqlType.ParseName(f.GetProperty("type").GetString()!, Resolver(ks)));
            }
            catch (Exception)
            {
                // Names a type not built yet; retried in the next round.
                return null;
            }
        }
        return new UserType(ks.Name, t.GetProperty("name").GetString()!, names, types, t.GetProperty("multi_cell").GetBoolean());
    }

    private static TableMetadata ReadTable(string keyspace, JsonElement t, Func<string, UserType?> resolver)
    {
        var columns = new List<ColumnMetadata>();
        foreach (var c in t.GetProperty("columns").EnumerateArray())
        {
            columns.Add(new ColumnMetadata(
                c.GetProperty("name").GetString()!,
                CqlType.ParseName(c.GetProperty("type").GetString()!, resolver),
                ParseKind(c.GetProperty("kind").GetString()!),
                c.GetProperty("position").GetInt32(),
                Enum.Parse<ClusteringOrder>(c.GetProperty("clustering_order").GetString()!, ignoreCase: true)));
        }
        var dropped = ImmutableSortedDictionary.CreateBuilder<string, DroppedColumn>(StringComparer.Ordinal);
        foreach (var d in t.GetProperty("dropped_columns").EnumerateArray())
        {
            string name = d.GetProperty("name").GetString()!;
            dropped[name] = new DroppedColumn(name, CqlType.ParseName(d.GetProperty("type").GetString()!, resolver),
                ParseKind(d.GetProperty("kind").GetString()!), d.GetProperty("dropped_time").GetInt64());
        }
        return new TableMetadata(keyspace, t.GetProperty("name").GetString()!, Guid.Parse(t.GetProperty("id").GetString()!),
            columns, ReadParams(t.GetProperty("params")), isVirtual: false, isCounter: t.GetProperty("is_counter").GetBoolean(),
            droppedColumns: dropped.ToImmutable())
        {
            Indexes = IndexSerialization.Read(t),
            View = ViewSerialization.Read(t),
            IsCompactStorage = t.TryGetProperty("is_compact", out var compact) && compact.GetBoolean(),
        };
    }

    private static TableParams ReadParams(JsonElement p) => TableParams.Default with
    {
        Comment = p.GetProperty("comment").GetString()!,
        AdditionalWritePolicy = p.GetProperty("additional_write_policy").GetString()!,
        BloomFilterFpChance = p.GetProperty("bloom_filter_fp_chance").GetDouble(),
        Caching = ReadMap(p.GetProperty("caching")),
        Cdc = p.GetProperty("cdc").GetBoolean(),
        Compaction = ReadMap(p.GetProperty("compaction")),
        Compression = ReadMap(p.GetProperty("compression")),
        CrcCheckChance = p.GetProperty("crc_check_chance").GetDouble(),
        DefaultTimeToLive = p.GetProperty("default_time_to_live").GetInt32(),
        Extensions = ReadMap(p.GetProperty("extensions")).ToDictionary(kv => kv.Key, kv => Convert.FromHexString(kv.Value)),
        GcGraceSeconds = p.GetProperty("gc_grace_seconds").GetInt32(),
        MaxIndexInterval = p.GetProperty("max_index_interval").GetInt32(),
        MemtableFlushPeriodInMs = p.GetProperty("memtable_flush_period_in_ms").GetInt32(),
        MinIndexInterval = p.GetProperty("min_index_interval").GetInt32(),
        ReadRepair = p.GetProperty("read_repair").GetString()!,
        SpeculativeRetry = p.GetProperty("speculative_retry").GetString()!,
    };

    private static SortedDictionary<string, string> ReadMap(JsonElement e)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject()) map[property.Name] = property.Value.GetString()!;
        return map;
    }

    private static ColumnKind ParseKind(string text) => text switch
    {
        "partition_key" => ColumnKind.PartitionKey,
        "clustering" => ColumnKind.Clustering,
        "static" => ColumnKind.Static,
        "regular" => ColumnKind.Regular,
        _ => throw new InvalidDataException("Unknown column kind " + text),
    };
}
