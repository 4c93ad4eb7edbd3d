using System.Buffers.Binary;
using Sibyl.Common.Errors;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Replica.Indexes;

/// <summary>One value a row holds for an index, with the liveness of the cell (or row) it came from.</summary>
internal readonly record struct IndexEntry(byte[] Key, LivenessInfo Liveness);

/// <summary>
/// The layout of an index's hidden table (Cassandra's CassandraIndex): partition key = the indexed value,
/// clustering = base token, base partition key, then the base clustering, so one index partition lists its
/// rows in the base table's token order. Indexes on static columns list partitions (token, key) only.
/// </summary>
internal static class IndexEntries
{
    public static ClusteringComparator Comparator(TableMetadata table, IndexMetadata index)
    {
        var column = table.GetColumn(index.Target.Column);
        var types = new List<CqlType> { CqlType.BigInt, CqlType.Blob };
        if (!IsPartitionLevel(column))
            types.AddRange(table.ClusteringColumns.Select(c => c.Type));
        return new ClusteringComparator(types, [.. types.Select(_ => false)]);
    }

    public static byte[] TokenBytes(Token token)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, token.Value);
        return bytes;
    }

    public static Token TokenOf(Clustering entry) => new(BinaryPrimitives.ReadInt64BigEndian(entry.Values[0]));

    /// <summary>The entry clustering for a base row (or for the partition, when the row is static).</summary>
    public static Clustering EntryClustering(DecoratedKey key, Row row, bool partitionLevel) =>
        new([TokenBytes(key.Token), key.Key, .. partitionLevel ? [] : row.Clustering.Values]);

    /// <summary>
    /// Indexes whose value belongs to the whole partition (a static column, a partition key component) list
    /// partitions, not rows: a query through them reads each listed partition, static-only ones included.
    /// </summary>
    public static bool IsPartitionLevel(ColumnMetadata? column) => column is { Kind: ColumnKind.Static or ColumnKind.PartitionKey };

    /// <summary>
    /// The index entries a base row yields. Tombstones yield nothing: entries they leave behind are found stale at
    /// read time. With <paramref name="nowInSeconds"/> set, only live data counts (index builds and read checks).
    /// </summary>
    public static List<IndexEntry> Of(TableMetadata table, IndexMetadata index, DecoratedKey key, Row row, int? nowInSeconds = null)
    {
        var result = new List<IndexEntry>();
        var (name, type) = index.Target;
        var column = table.GetColumn(name);
        if (column is null) return result;
        switch (column.Kind)
        {
            case ColumnKind.PartitionKey or ColumnKind.Clustering:
            {
                if (row.IsStatic && column.Kind == ColumnKind.Clustering) break;
                var liveness = RowLiveness(row, nowInSeconds);
                if (liveness is null) break;
                byte[] value = column.Kind == ColumnKind.Clustering
                    ? row.Clustering.Values[column.Position]
                    : PartitionKeys.Split(key.Key, table.PartitionKeyColumns.Length)[column.Position];
                result.Add(new IndexEntry(Key(value), liveness.Value));
                break;
            }
            default:
                if (row.IsStatic != (column.Kind == ColumnKind.Static)) break;
                foreach (var cell in row.Cells)
                {
                    if (cell.Column != column.Name || cell.IsTombstone) continue;
                    if (nowInSeconds is { } now && !cell.IsLive(now)) continue;
                    var liveness = new LivenessInfo(cell.Timestamp, cell.Ttl, cell.LocalDeletionTime);
                    foreach (var k in Keys(column.Type, type, cell))
                        result.Add(new IndexEntry(k, liveness));
                }
                break;
        }
        return result;
    }

    private static IEnumerable<byte[]> Keys(CqlType columnType, IndexTargetType target, Cell cell)
    {
        if (target is IndexTargetType.Simple or IndexTargetType.Full)
        {
            if (cell.Path is null) yield return Key(cell.Value);
            yield break;
        }
        if (cell.Path is not null)
        {
            // One cell per element: a map's key is the path, a set's element is the path, a list's element the value.
            switch (columnType, target)
            {
                case (MapType, IndexTargetType.Keys): yield return Key(cell.Path); break;
                case (MapType, IndexTargetType.Entries): yield return Key(cell.Path, cell.Value); break;
                case (MapType, _): yield return Key(cell.Value); break;
                case (SetType, _): yield return Key(cell.Path); break;
                default: yield return Key(cell.Value); break;
            }
            yield break;
        }
        // The whole collection in one cell.
        if (columnType is MapType)
        {
            foreach (var (k, v) in CollectionSerializer.ReadEntries(cell.Value))
            {
                yield return target switch
                {
                    IndexTargetType.Keys => Key(k),
                    IndexTargetType.Entries => Key(k, v),
                    _ => Key(v),
                };
            }
            yield break;
        }
        foreach (var e in CollectionSerializer.ReadElements(cell.Value))
            if (e is not null) yield return Key(e);
    }

    private static byte[] Key(params byte[][] parts)
    {
        foreach (var part in parts)
            if (part.Length > ushort.MaxValue) throw new IndexValueTooLargeException(part.Length);
        return IndexMetadata.EntryKey(parts);
    }

    /// <summary>
    /// The liveness of a row for indexes on its key columns (CassandraIndex.getPrimaryKeyIndexLiveness): the newest
    /// timestamp of its liveness and live cells, and the TTL of its primary key liveness only, so a TTL'd update of
    /// one cell does not expire the entry of a row that outlives it. Null when nothing of the row is live.
    /// </summary>
    private static LivenessInfo? RowLiveness(Row row, int? nowInSeconds)
    {
        var pk = row.PrimaryKeyLiveness;
        bool pkLive = !pk.IsEmpty && (nowInSeconds is not { } now || pk.IsLive(now));
        long timestamp = pkLive ? pk.Timestamp : LivenessInfo.NoTimestamp;
        foreach (var cell in row.Cells)
        {
            if (cell.IsTombstone || (nowInSeconds is { } n && !cell.IsLive(n))) continue;
            if (cell.Timestamp > timestamp) timestamp = cell.Timestamp;
        }
        if (timestamp == LivenessInfo.NoTimestamp) return null;
        return pkLive && pk.IsExpiring
            ? new LivenessInfo(timestamp, pk.Ttl, pk.LocalExpirationTime)
            : new LivenessInfo(timestamp, LivenessInfo.NoTtl, LivenessInfo.NoExpiration);
    }
}

/// <summary>A value longer than an index key may be (64 KiB).</summary>
internal sealed class IndexValueTooLargeException(int size) : Exception($"Indexed value of {size} bytes")
{
    public int Size { get; } = size;
}
