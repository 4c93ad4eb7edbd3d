using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Schema;

namespace Sibyl.Replica.Views;

/// <summary>
/// Computes a materialized view's updates for one base partition update (Cassandra's ViewUpdateGenerator), from
/// the base rows the update touches as they were before it and as they are after it:
/// <list type="bullet">
/// <item>a base row that had a view row and now has none, or a different view key, deletes the old view row at
/// the change's timestamp (the whole row, so even newer cells of it go, as Cassandra's shadowable tombstone);</item>
/// <item>a base row that now qualifies writes its whole view row: liveness from the base row, or from the base
/// regular column in the view key (its timestamp and TTL, so the view row expires with it), the selected cells,
/// and the update's cell and collection deletions.</item>
/// </list>
/// When the view key holds a base regular column, view cells carry at least that column's timestamp: a view row
/// deleted when the key moved away and recreated when it moves back must not stay shadowed by that deletion.
/// </summary>
public sealed class ViewUpdateGenerator
{
    private readonly TableMetadata _base;
    private readonly TableMetadata _view;
    private readonly ViewMetadata _definition;
    private readonly ColumnMetadata? _regularKeyColumn;

    public ViewUpdateGenerator(TableMetadata baseTable, TableMetadata view)
    {
        _base = baseTable;
        _view = view;
        _definition = view.View ?? throw new ArgumentException($"{view.QualifiedName} is not a materialized view", nameof(view));
        foreach (var column in view.PartitionKeyColumns.Concat(view.ClusteringColumns))
            if (baseTable.GetColumn(column.Name) is { Kind: ColumnKind.Regular } regular)
                _regularKeyColumn = regular;
    }

    public TableMetadata View => _view;

    /// <summary>
    /// The view mutations for base partition <paramref name="key"/>: <paramref name="before"/> and <paramref name="after"/>
    /// are the live base rows of the affected clusterings (keyed by clustering), <paramref name="update"/> the base update.
    /// </summary>
    public IReadOnlyList<Mutation> Generate(DecoratedKey key, IReadOnlyList<Row> before, IReadOnlyList<Row> after, PartitionUpdate update, int nowInSeconds)
    {
        var partitionValues = PartitionKeys.Split(key.Key, _base.PartitionKeyColumns.Length);
        var mutations = new Dictionary<DecoratedKey, Mutation>();
        var afterByClustering = new Dictionary<Clustering, Row>(ClusteringEquality.Instance);
        foreach (var row in after) afterByClustering[row.Clustering] = row;
        var updateRows = new Dictionary<Clustering, Row>(ClusteringEquality.Instance);
        foreach (var row in update.Rows) updateRows[row.Clustering] = row;
        long updateTimestamp = MaxTimestamp(update);

        var seen = new HashSet<Clustering>(ClusteringEquality.Instance);
        foreach (var old in before)
        {
            seen.Add(old.Clustering);
            afterByClustering.TryGetValue(old.Clustering, out var current);
            updateRows.TryGetValue(old.Clustering, out var changes);
            Emit(partitionValues, old, current, changes, updateTimestamp, nowInSeconds, mutations);
        }
        foreach (var row in after)
        {
            if (seen.Contains(row.Clustering)) continue;
            updateRows.TryGetValue(row.Clustering, out var changes);
            Emit(partitionValues, null, row, changes, updateTimestamp, nowInSeconds, mutations);
        }
        return [.. mutations.Values];
    }

    private void Emit(byte[][] partitionValues, Row? old, Row? current, Row? changes, long updateTimestamp, int now, Dictionary<DecoratedKey, Mutation> mutations)
    {
        var oldKey = old is null ? null : KeyOf(partitionValues, old, now);
        var newKey = current is null ? null : KeyOf(partitionValues, current, now);
        if (oldKey is { } o && (newKey is null || !SameKey(o, newKey.Value)))
        {
            // The timestamp of what moved or removed the row: the new key column's cell, else the update's newest.
            long at = changes is not null && _regularKeyColumn is not null && changes.GetCell(_regularKeyColumn.Name) is { } moved
                ? moved.Timestamp
                : updateTimestamp;
            var deletion = new DeletionTime(at, now);
            Target(mutations, o.Partition).Add(new Row(o.Clustering, LivenessInfo.Empty, deletion, []));
        }
        if (newKey is { } n)
            Target(mutations, n.Partition).Add(ViewRow(n.Clustering, current!, changes, updateTimestamp, oldKey is { } k && SameKey(k, n), old, now));
    }

    private Row ViewRow(Clustering clustering, Row row, Row? changes, long updateTimestamp, bool sameKeyAsBefore, Row? old, int now)
    {
        long floor = long.MinValue;
        LivenessInfo liveness;
        if (_regularKeyColumn is not null)
        {
            var keyCell = row.GetCell(_regularKeyColumn.Name)!;
            liveness = new LivenessInfo(keyCell.Timestamp, keyCell.Ttl, keyCell.IsExpiring ? keyCell.LocalDeletionTime : LivenessInfo.NoExpiration);
            floor = keyCell.Timestamp;
        }
        else if (!row.PrimaryKeyLiveness.IsEmpty)
        {
            liveness = row.PrimaryKeyLiveness;
        }
        else
        {
            // A row made only by UPDATEs has no row marker: the view row gets one that lives as long as the base
            // row's cells do (even those the view does not select), so a view of key columns only still has rows.
            liveness = CellsLiveness(row, now);
        }
        var cells = new List<Cell>();
        // An expiring view key column takes the whole view row with it: no cell may outlive it.
        int expiration = liveness.IsExpiring ? liveness.LocalExpirationTime : LivenessInfo.NoExpiration;
        foreach (var cell in row.Cells)
        {
            if (_view.GetColumn(cell.Column) is not { Kind: ColumnKind.Regular }) continue;
            long timestamp = Math.Max(cell.Timestamp, floor);
            bool capped = liveness.IsExpiring && !cell.IsTombstone && (!cell.IsExpiring || cell.LocalDeletionTime > expiration);
            cells.Add(timestamp == cell.Timestamp && !capped ? cell
                : capped ? new Cell(cell.Column, cell.Path, cell.Value, timestamp, liveness.Ttl, expiration)
                : new Cell(cell.Column, cell.Path, cell.Value, timestamp, cell.Ttl, cell.LocalDeletionTime));
        }
        var complexDeletions = new List<ComplexDeletion>();
        var deletion = DeletionTime.Live;
        if (changes is not null)
        {
            foreach (var cell in changes.Cells)
                if (cell.IsTombstone && _view.GetColumn(cell.Column) is { Kind: ColumnKind.Regular })
                    cells.Add(cell);
            foreach (var d in changes.ComplexDeletions)
                if (_view.GetColumn(d.Column) is { Kind: ColumnKind.Regular })
                    complexDeletions.Add(d);
            // A row deletion the base row survived (newer cells) removes the view row's older cells too.
            if (!changes.Deletion.IsLive && sameKeyAsBefore) deletion = changes.Deletion;
        }
        else if (old is not null && sameKeyAsBefore && !ReferenceEquals(old, row))
        {
            // Touched by a partition or range deletion only: cells it removed go at the deletion's timestamp.
            foreach (var cell in old.Cells)
                if (_view.GetColumn(cell.Column) is { Kind: ColumnKind.Regular } && !HasCell(row, cell))
                    cells.Add(Cell.Tombstone(cell.Column, Math.Max(updateTimestamp, floor), now, cell.Path));
        }
        return Row.Create(clustering, liveness, deletion, cells, complexDeletions.Count > 0 ? complexDeletions : null);
    }

    private static LivenessInfo CellsLiveness(Row row, int now)
    {
        long timestamp = LivenessInfo.NoTimestamp;
        int ttl = LivenessInfo.NoTtl, expiration = 0;
        bool allExpiring = true;
        foreach (var cell in row.Cells)
        {
            if (cell.IsTombstone || !cell.IsLive(now)) continue;
            timestamp = Math.Max(timestamp, cell.Timestamp);
            if (!cell.IsExpiring) allExpiring = false;
            else if (cell.LocalDeletionTime > expiration) (ttl, expiration) = (cell.Ttl, cell.LocalDeletionTime);
        }
        if (timestamp == LivenessInfo.NoTimestamp) return LivenessInfo.Empty;
        return allExpiring ? new LivenessInfo(timestamp, ttl, expiration) : new LivenessInfo(timestamp, LivenessInfo.NoTtl, LivenessInfo.NoExpiration);
    }

    private static bool HasCell(Row row, Cell cell)
    {
        foreach (var c in row.Cells)
            if (c.Column == cell.Column && (c.Path is null ? cell.Path is null : cell.Path is not null && c.Path.AsSpan().SequenceEqual(cell.Path)))
                return true;
        return false;
    }

    private readonly record struct ViewRowKey(byte[][] Partition, Clustering Clustering);

    /// <summary>The view key of a live base row, or null when the row has no view row (a key column is null, or
    /// the WHERE clause excludes it).</summary>
    private ViewRowKey? KeyOf(byte[][] partitionValues, Row row, int now)
    {
        byte[]? ValueOf(ColumnMetadata viewColumn)
        {
            var column = _base.GetColumn(viewColumn.Name)!;
            return column.Kind switch
            {
                ColumnKind.PartitionKey => partitionValues[column.Position],
                ColumnKind.Clustering => row.Clustering.Values[column.Position],
                _ => row.GetCell(column.Name) is { } cell && !cell.IsTombstone && cell.IsLive(now) ? cell.Value : null,
            };
        }
        if (!row.HasLiveData(now)) return null;
        foreach (var restriction in _definition.Restrictions)
        {
            var column = _base.GetColumn(restriction.Column);
            if (column is null) return null;
            var value = column.Kind == ColumnKind.PartitionKey ? partitionValues[column.Position] : row.Clustering.Values[column.Position];
            if (!Satisfies(column, restriction, value)) return null;
        }
        var partition = new byte[_view.PartitionKeyColumns.Length][];
        for (int i = 0; i < partition.Length; i++)
            if ((partition[i] = ValueOf(_view.PartitionKeyColumns[i])!) is null) return null;
        var clustering = new byte[_view.ClusteringColumns.Length][];
        for (int i = 0; i < clustering.Length; i++)
            if ((clustering[i] = ValueOf(_view.ClusteringColumns[i])!) is null) return null;
        return new ViewRowKey(partition, new Clustering(clustering));
    }

    private static bool Satisfies(ColumnMetadata column, ViewRestriction restriction, byte[] value)
    {
        int Compare(byte[] other) => column.Type.Compare(value, other);
        return restriction.Operator switch
        {
            ViewRestrictionOperator.Eq => Compare(restriction.Values[0]) == 0,
            ViewRestrictionOperator.In => restriction.Values.Any(v => Compare(v) == 0),
            ViewRestrictionOperator.Lt => Compare(restriction.Values[0]) < 0,
            ViewRestrictionOperator.Lte => Compare(restriction.Values[0]) <= 0,
            ViewRestrictionOperator.Gt => Compare(restriction.Values[0]) > 0,
            _ => Compare(restriction.Values[0]) >= 0,
        };
    }

    private static bool SameKey(ViewRowKey a, ViewRowKey b) =>
        a.Partition.Length == b.Partition.Length && a.Partition.Zip(b.Partition).All(p => p.First.AsSpan().SequenceEqual(p.Second))
        && ClusteringEquality.Instance.Equals(a.Clustering, b.Clustering);

    private PartitionUpdate Target(Dictionary<DecoratedKey, Mutation> mutations, byte[][] partition)
    {
        var key = PartitionKeys.Decorate(partition);
        if (!mutations.TryGetValue(key, out var mutation))
            mutations[key] = mutation = new Mutation(_view.Keyspace, key);
        return mutation.GetOrAdd(_view.Id);
    }

    private static long MaxTimestamp(PartitionUpdate update)
    {
        long max = update.PartitionDeletion.IsLive ? long.MinValue : update.PartitionDeletion.MarkedForDeleteAt;
        foreach (var rt in update.RangeTombstones) max = Math.Max(max, rt.Deletion.MarkedForDeleteAt);
        foreach (var row in update.Rows)
        {
            if (!row.PrimaryKeyLiveness.IsEmpty) max = Math.Max(max, row.PrimaryKeyLiveness.Timestamp);
            if (!row.Deletion.IsLive) max = Math.Max(max, row.Deletion.MarkedForDeleteAt);
            foreach (var cell in row.Cells) max = Math.Max(max, cell.Timestamp);
            foreach (var d in row.ComplexDeletions) max = Math.Max(max, d.Deletion.MarkedForDeleteAt);
        }
        return max;
    }
}

/// <summary>Clusterings compared by their serialized values (same table, so same types).</summary>
internal sealed class ClusteringEquality : IEqualityComparer<Clustering>
{
    public static readonly ClusteringEquality Instance = new();

    public bool Equals(Clustering? x, Clustering? y)
    {
        if (x is null || y is null) return ReferenceEquals(x, y);
        if (x.Values.Length != y.Values.Length) return false;
        for (int i = 0; i < x.Values.Length; i++)
            if (!x.Values[i].AsSpan().SequenceEqual(y.Values[i])) return false;
        return true;
    }

    public int GetHashCode(Clustering obj)
    {
        var hash = new HashCode();
        foreach (var v in obj.Values) hash.AddBytes(v);
        return hash.ToHashCode();
    }
}
