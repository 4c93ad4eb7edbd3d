using Sibyl.Common.Errors;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema;
using Sibyl.Storage;

namespace Sibyl.Replica.Indexes;

/// <summary>
/// The replica's secondary indexes (Cassandra's SecondaryIndexManager): one hidden local table per index, known
/// to storage by the index id and absent from system_schema.tables. Base writes add entries with the base
/// cell's timestamp and TTL before the base mutation is applied, so an entry never misses its row; entries
/// overwritten or deleted in the base are skipped when read. CREATE INDEX builds the index from the data already
/// stored before it returns; DROP INDEX and DROP TABLE drop the hidden tables, TRUNCATE empties them.
/// </summary>
public sealed class SecondaryIndexManager
{
    private const int BuildChunkRows = 5000;

    private readonly IReplicaStore _store;
    private readonly SchemaManager _schema;
    private readonly Action<string> _log;

    public SecondaryIndexManager(IReplicaStore store, SchemaManager schema, Action<string>? log = null)
    {
        _store = store;
        _schema = schema;
        _log = log ?? (_ => { });
        foreach (var (table, index) in AllIndexes(schema.Current))
            CreateIndexTable(table, index);
        schema.Changed += OnSchemaChanged;
        Searcher = new IndexSearcher(store, schema);
    }

    /// <summary>Serves <see cref="IndexReadCommand"/>s.</summary>
    public IndexSearcher Searcher { get; }

    private static IEnumerable<(TableMetadata Table, IndexMetadata Index)> AllIndexes(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
            foreach (var table in ks.Tables.Values)
                foreach (var index in table.Indexes)
                    yield return (table, index);
    }

    private void CreateIndexTable(TableMetadata table, IndexMetadata index)
    {
        var comparator = IndexEntries.Comparator(table, index);
        if (_store is StorageEngine engine)
            engine.CreateTable(index.Id, comparator, durable: true, table.Keyspace, table.Name + "." + index.Name, Storage.Tables.TableStoreOptions.Default);
        else
            _store.CreateTable(index.Id, comparator);
    }

    private void OnSchemaChanged(SchemaSnapshot before, SchemaSnapshot after)
    {
        var old = AllIndexes(before).Select(p => p.Index.Id).ToHashSet();
        var current = new HashSet<Guid>();
        foreach (var (table, index) in AllIndexes(after))
        {
            current.Add(index.Id);
            if (old.Contains(index.Id)) continue;
            CreateIndexTable(table, index);
            Build(table, index);
        }
        foreach (var (table, index) in AllIndexes(before))
        {
            if (current.Contains(index.Id)) continue;
            _store.DropTable(index.Id);
            _log($"Dropped index {index.Name} of {table.QualifiedName}");
        }
    }

    /// <summary>The index entries of a base mutation, as mutations of the hidden tables (none for unindexed tables).</summary>
    public List<Mutation>? EntriesOf(Mutation mutation)
    {
        List<Mutation>? result = null;
        var schema = _schema.Current;
        foreach (var update in mutation.Updates)
        {
            var table = schema.GetTable(update.TableId);
            if (table is null || table.Indexes.Length == 0) continue;
            var byKey = new Dictionary<string, Mutation>(StringComparer.Ordinal);
            foreach (var index in table.Indexes)
            {
                try
                {
                    if (update.StaticRow is { } staticRow) AddEntries(table, index, update.Key, staticRow, null, byKey);
                    foreach (var row in update.Rows) AddEntries(table, index, update.Key, row, null, byKey);
                }
                catch (IndexValueTooLargeException e)
                {
                    throw new InvalidRequestException($"Cannot index value of size {e.Size} for index {index.Name} on {table.QualifiedName}({index.Target.Column}) (maximum allowed size={ushort.MaxValue})");
                }
            }
            if (byKey.Count > 0) (result ??= []).AddRange(byKey.Values);
        }
        return result;
    }

    /// <summary>Applies a base mutation: its index entries first, then the mutation itself.</summary>
    public async ValueTask ApplyAsync(Mutation mutation, CancellationToken cancellationToken)
    {
        var entries = EntriesOf(mutation);
        if (entries is not null)
            foreach (var entry in entries)
                await _store.ApplyAsync(entry, cancellationToken).ConfigureAwait(false);
        await _store.ApplyAsync(mutation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>TRUNCATE of a base table empties its indexes too.</summary>
    public void Truncate(Guid tableId)
    {
        var table = _schema.Current.GetTable(tableId);
        if (table is null) return;
        foreach (var index in table.Indexes) _store.Truncate(index.Id);
    }

    private void AddEntries(TableMetadata table, IndexMetadata index, DecoratedKey key, Row row, int? now, Dictionary<string, Mutation> byKey)
    {
        List<IndexEntry> entries;
        try
        {
            entries = IndexEntries.Of(table, index, key, row, now);
        }
        catch (IndexValueTooLargeException e) when (now is not null)
        {
            // Building over existing data: a value too large for the index is left out, as Cassandra does.
            _log($"Index {index.Name} of {table.QualifiedName} leaves out a value of {e.Size} bytes (more than {ushort.MaxValue})");
            return;
        }
        if (entries.Count == 0) return;
        var clustering = IndexEntries.EntryClustering(key, row, IndexEntries.IsPartitionLevel(table.GetColumn(index.Target.Column)));
        foreach (var entry in entries)
        {
            // The map key is the index id and the entry key: each index value is one partition of one hidden table.
            string mapKey = index.Id.ToString("N") + Convert.ToHexString(entry.Key);
            if (!byKey.TryGetValue(mapKey, out var mutation))
            {
                var indexKey = new DecoratedKey(Murmur3Partitioner.GetToken(entry.Key), entry.Key);
                byKey[mapKey] = mutation = new Mutation(table.Keyspace, indexKey);
            }
            mutation.GetOrAdd(index.Id).Add(new Row(clustering, entry.Liveness, DeletionTime.Live, []));
        }
    }

    /// <summary>Indexes the rows already stored, chunk by chunk in token order, logging progress.</summary>
    private void Build(TableMetadata table, IndexMetadata index)
    {
        _log($"Building index {index.Name} of {table.QualifiedName}");
        int now = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        PartitionPosition? start = null;
        long rows = 0;
        while (true)
        {
            var command = new PartitionRangeReadCommand(table.Id, start, null, ClusteringIndexFilter.All, new DataLimits(BuildChunkRows, DataLimits.NoLimit), now);
            var data = _store.Read(command);
            if (data.Count == 0) break;
            int read = 0;
            var byKey = new Dictionary<string, Mutation>(StringComparer.Ordinal);
            foreach (var partition in data)
            {
                read += Math.Max(1, partition.Rows.Count);
                var whole = partition;
                if (ReferenceEquals(partition, data[^1]) && partition.Rows.Count > 0 && read >= BuildChunkRows)
                {
                    // The chunk may have cut this partition: index all of it.
                    var single = new SinglePartitionReadCommand(table.Id, partition.Key, ClusteringIndexFilter.All, DataLimits.None, now);
                    whole = _store.Read(single) is { Count: > 0 } list ? list[0] : partition;
                }
                if (whole.StaticRow is { } staticRow) AddEntries(table, index, whole.Key, staticRow, now, byKey);
                foreach (var row in whole.Rows) AddEntries(table, index, whole.Key, row, now, byKey);
                rows += whole.Rows.Count;
            }
            foreach (var mutation in byKey.Values)
                _store.ApplyAsync(mutation).AsTask().GetAwaiter().GetResult();
            if (read < BuildChunkRows) break;
            start = PartitionPosition.AfterKey(data[^1].Key);
            _log($"Index {index.Name} of {table.QualifiedName}: {rows} rows indexed so far");
        }
        _log($"Index {index.Name} of {table.QualifiedName} built ({rows} rows)");
    }
}
