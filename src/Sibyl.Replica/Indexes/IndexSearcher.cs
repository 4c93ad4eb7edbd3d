using Sibyl.Common.Errors;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Schema;
using Sibyl.Storage;

namespace Sibyl.Replica.Indexes;

/// <summary>
/// Answers an <see cref="IndexReadCommand"/> (Cassandra's CassandraIndexSearcher): reads the index partition of
/// the value between the command's base positions, chunk by chunk, then the listed base rows, keeping those
/// that still hold the value. Work is proportional to the entries read, not to the table.
/// </summary>
public sealed class IndexSearcher
{
    private const int FirstChunk = 128;
    private const int MaxChunk = 8192;

    private readonly IReplicaStore _store;
    private readonly SchemaManager _schema;

    internal IndexSearcher(IReplicaStore store, SchemaManager schema)
    {
        _store = store;
        _schema = schema;
    }

    public IReadOnlyList<PartitionData> Read(IndexReadCommand command)
    {
        var table = _schema.Current.GetTable(command.TableId) ?? throw new InvalidRequestException("table does not exist");
        var index = table.Indexes.FirstOrDefault(i => i.Id == command.IndexId)
            ?? throw new InvalidRequestException($"Index with id {command.IndexId} does not exist on {table.QualifiedName}");
        var indexKey = new DecoratedKey(Murmur3Partitioner.GetToken(command.IndexedValue), command.IndexedValue);
        var lower = StartBound(command.Start);
        var upper = EndBound(command.End);
        var results = new List<PartitionData>();
        int remaining = command.Limits.RowLimit;
        int chunk = Math.Min(MaxChunk, Math.Max(FirstChunk, remaining == DataLimits.NoLimit ? FirstChunk : remaining + 1));
        while (true)
        {
            var read = new SinglePartitionReadCommand(index.Id, indexKey, new ClusteringIndexFilter([new Slice(lower, upper)], false),
                new DataLimits(chunk, DataLimits.NoLimit), command.NowInSeconds);
            var entries = FirstOf(_store.Read(read))?.Rows ?? [];
            bool exhausted = entries.Count < chunk;
            var groups = Group(entries, command);
            if (groups.Count == 0)
            {
                if (exhausted) return results;
                lower = new ClusteringBound(entries[^1].Clustering.Values, false);
                continue;
            }
            // A full chunk may end inside a partition's entries: that partition is read again with the next chunk.
            int usable = exhausted ? groups.Count : groups.Count - 1;
            if (usable == 0 && !exhausted)
            {
                chunk = Math.Min(int.MaxValue / 2, chunk * 2);
                continue;
            }
            for (int i = 0; i < usable; i++)
            {
                var partition = ReadPartition(table, index, command, groups[i], remaining);
                if (partition is null) continue;
                results.Add(partition);
                remaining -= Math.Max(1, partition.Rows.Count);
                if (remaining <= 0) return results;
            }
            if (exhausted) return results;
            lower = new ClusteringBound(groups[^1].Entries[0].Clustering.Values, true);
            chunk = Math.Min(MaxChunk, chunk * 2);
        }
    }

    private sealed record EntryGroup(DecoratedKey Key, List<Row> Entries);

    /// <summary>Consecutive live entries of one base partition; entries outside the command's key range are dropped.</summary>
    private static List<EntryGroup> Group(IReadOnlyList<Row> entries, IndexReadCommand command)
    {
        var groups = new List<EntryGroup>();
        foreach (var entry in entries)
        {
            if (!entry.HasLiveData(command.NowInSeconds)) continue;
            var pk = entry.Clustering.Values[1];
            if (groups.Count > 0 && groups[^1].Key.Key.AsSpan().SequenceEqual(pk))
            {
                groups[^1].Entries.Add(entry);
                continue;
            }
            var key = new DecoratedKey(IndexEntries.TokenOf(entry.Clustering), pk);
            if (command.Start is { } start && !start.IsBeforeOrAt(key)) continue;
            if (command.End is { } end && !end.IsAfterOrAt(key)) continue;
            groups.Add(new EntryGroup(key, [entry]));
        }
        return groups;
    }

    private PartitionData? ReadPartition(TableMetadata table, IndexMetadata index, IndexReadCommand command, EntryGroup group, int remaining)
    {
        var filter = command.FirstPartitionFilter is { } first && command.Start is { Key: { } startKey } && startKey.AsSpan().SequenceEqual(group.Key.Key)
            ? first
            : command.Filter;
        int limit = Math.Min(remaining, command.Limits.PerPartitionLimit);
        var column = table.GetColumn(index.Target.Column);
        if (IndexEntries.IsPartitionLevel(column))
        {
            var whole = FirstOf(_store.Read(new SinglePartitionReadCommand(table.Id, group.Key, filter, new DataLimits(limit, command.Limits.PerPartitionLimit), command.NowInSeconds)));
            if (whole is null) return null;
            if (column!.Kind == ColumnKind.PartitionKey)
            {
                // Every row of the partition holds the key: it only has to be live.
                bool live = whole.Rows.Count > 0 || whole.StaticRow?.HasLiveData(command.NowInSeconds) == true;
                return live ? whole : null;
            }
            if (whole.StaticRow is not { } staticRow || !Holds(table, index, group.Key, staticRow, command)) return null;
            return whole;
        }

        var comparator = table.Comparator;
        var slices = group.Entries.Select(e => new Clustering(e.Clustering.Values[2..])).Distinct(ClusteringEquality.Instance)
            .Order(comparator).Select(c => Slice.ForPrefix(c.Values)).ToList();
        var data = FirstOf(_store.Read(new SinglePartitionReadCommand(table.Id, group.Key, new ClusteringIndexFilter(slices, false), DataLimits.None, command.NowInSeconds)));
        if (data is null) return null;
        var rows = new List<Row>();
        foreach (var row in data.Rows)
        {
            if (rows.Count >= limit) break;
            if (!filter.Slices.Any(s => Selects(comparator, s, row.Clustering))) continue;
            if (!row.HasLiveData(command.NowInSeconds) || !Holds(table, index, group.Key, row, command)) continue;
            rows.Add(row);
        }
        if (filter.Reversed) rows.Reverse();
        return rows.Count == 0 ? null : data with { Rows = rows };
    }

    /// <summary>A slice bounded by an exclusive empty prefix (paging past the only row of a table without
    /// clustering columns) selects nothing.</summary>
    private static bool Selects(ClusteringComparator comparator, Slice slice, Clustering clustering) =>
        !(slice.Start is { IsUnbounded: true, Inclusive: false } || slice.End is { IsUnbounded: true, Inclusive: false })
        && comparator.Contains(slice, clustering);

    /// <summary>Whether the base row still holds the indexed value (the entry is not stale).</summary>
    private static bool Holds(TableMetadata table, IndexMetadata index, DecoratedKey key, Row row, IndexReadCommand command)
    {
        foreach (var entry in IndexEntries.Of(table, index, key, row, command.NowInSeconds))
            if (entry.Key.AsSpan().SequenceEqual(command.IndexedValue)) return true;
        return false;
    }

    private static ClusteringBound StartBound(PartitionPosition? start) => start switch
    {
        null => ClusteringBound.Bottom,
        { Key: null } s => new ClusteringBound([IndexEntries.TokenBytes(s.Token)], s.Inclusive),
        { } s => new ClusteringBound([IndexEntries.TokenBytes(s.Token), s.Key], s.Inclusive),
    };

    private static ClusteringBound EndBound(PartitionPosition? end) => end switch
    {
        null => ClusteringBound.Top,
        { Key: null } e => new ClusteringBound([IndexEntries.TokenBytes(e.Token)], e.Inclusive),
        { } e => new ClusteringBound([IndexEntries.TokenBytes(e.Token), e.Key], e.Inclusive),
    };

    private sealed class ClusteringEquality : IEqualityComparer<Clustering>
    {
        public static readonly ClusteringEquality Instance = new();

        public bool Equals(Clustering? x, Clustering? y) =>
            x is not null && y is not null && x.Values.Length == y.Values.Length
            && x.Values.Zip(y.Values).All(p => p.First.AsSpan().SequenceEqual(p.Second));

        public int GetHashCode(Clustering obj)
        {
            var hash = new HashCode();
            foreach (var v in obj.Values) hash.AddBytes(v);
            return hash.ToHashCode();
        }
    }

    private static PartitionData? FirstOf(IReadOnlyList<PartitionData> data) => data.Count > 0 ? data[0] : null;
}
