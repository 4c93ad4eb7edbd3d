using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.Tables;

/// <summary>
/// Merges the versions of one partition from memtables and SSTables into what a read returns, with exactly
/// the memtable read's semantics: slices in order (reversed when asked), rows reconciled with
/// <see cref="Row.Merge"/>, shadowed by partition and range deletions from every source, rows without live
/// data skipped and not counted against the limit.
/// </summary>
internal static class PartitionMerger
{
    public static PartitionData Read(IReadOnlyList<IUnfilteredPartition> versions, ClusteringIndexFilter filter, int rowLimit, int nowInSeconds,
        ClusteringComparator comparator, ref TombstoneCounter counter)
    {
        var key = versions[0].Key;
        var partitionDeletion = DeletionTime.Live;
        List<RangeTombstone>? rangeTombstones = null; // most partitions have none
        Row? staticRow = null;
        for (int v = 0; v < versions.Count; v++)
        {
            var version = versions[v];
            partitionDeletion = DeletionTime.Max(partitionDeletion, version.PartitionDeletion);
            if (version.RangeTombstones.Count > 0) (rangeTombstones ??= []).AddRange(version.RangeTombstones);
            if (version.StaticRow is { } s) staticRow = staticRow is null ? s : Row.Merge(staticRow, s);
        }
        counter.Add(rangeTombstones?.Count ?? 0, key);
        var visibleStatic = staticRow?.Shadowed(partitionDeletion);

        var result = new VisibleRows(key, partitionDeletion, rangeTombstones, rowLimit, nowInSeconds, comparator, ref counter);
        var slices = filter.Slices;
        for (int s = 0; s < slices.Count && !result.IsFull; s++)
        {
            var slice = slices[filter.Reversed ? slices.Count - 1 - s : s];
            var rows = MergeRows(versions, slice, filter.Reversed, comparator);
            // Indexed when the source is a list (a memtable's copy): no boxed enumerator.
            if (rows is IReadOnlyList<Row> list)
            {
                for (int i = 0; i < list.Count && result.Add(list[i]); i++) { }
            }
            else
            {
                foreach (var row in rows)
                    if (!result.Add(row)) break;
            }
        }
        counter.LiveRows += result.Live;
        return new PartitionData(key, partitionDeletion, visibleStatic, result.ToList());
    }

    /// <summary>
    /// The rows of one partition read that are visible (shadowed by partition and range deletions, with live
    /// data), counting the tombstones met, up to the row limit. One row, the usual answer, needs no list.
    /// </summary>
    private ref struct VisibleRows(DecoratedKey key, DeletionTime partitionDeletion, List<RangeTombstone>? rangeTombstones, int rowLimit,
        int nowInSeconds, ClusteringComparator comparator, ref TombstoneCounter counter)
    {
        private readonly ref TombstoneCounter _counter = ref counter;
        private ItemsBuilder<Row> _rows;

        public int Live { get; private set; }

        public readonly bool IsFull => Live >= rowLimit;

        /// <summary>Takes a merged row; false once the row limit is reached.</summary>
        public bool Add(Row row)
        {
            _counter.Add(Tombstones(row, nowInSeconds), key);
            var visible = row.Shadowed(Covering(partitionDeletion, rangeTombstones, row.Clustering, comparator));
            if (visible is null || !visible.HasLiveData(nowInSeconds)) return true;
            _rows.Add(visible);
            return ++Live < rowLimit;
        }

        public readonly IReadOnlyList<Row> ToList() => _rows.ToReadOnlyList();
    }

    private static int Tombstones(Row row, int nowInSeconds)
    {
        int n = row.Deletion.IsLive ? 0 : 1;
        foreach (var cell in row.Cells)
            if (!cell.IsLive(nowInSeconds)) n++;
        return n;
    }

    public static DeletionTime Covering(DeletionTime partitionDeletion, List<RangeTombstone>? rangeTombstones, Clustering clustering, ClusteringComparator comparator)
    {
        var deletion = partitionDeletion;
        if (rangeTombstones is null) return deletion;
        foreach (var rt in rangeTombstones)
            if (comparator.Contains(rt.Slice, clustering))
                deletion = DeletionTime.Max(deletion, rt.Deletion);
        return deletion;
    }

    /// <summary>The rows of every version within a slice, merged by clustering (k-way; versions are few).</summary>
    public static IEnumerable<Row> MergeRows(IReadOnlyList<IUnfilteredPartition> versions, Slice slice, bool reversed, ClusteringComparator comparator) =>
        versions.Count == 1 ? versions[0].Rows(slice, reversed) : MergeVersions(versions, slice, reversed, comparator);

    private static IEnumerable<Row> MergeVersions(IReadOnlyList<IUnfilteredPartition> versions, Slice slice, bool reversed, ClusteringComparator comparator)
    {
        var cursors = new List<IEnumerator<Row>>(versions.Count);
        try
        {
            foreach (var version in versions)
            {
                var e = version.Rows(slice, reversed).GetEnumerator();
                if (e.MoveNext()) cursors.Add(e);
                else e.Dispose();
            }
            while (cursors.Count > 0)
            {
                // The next clustering in read order, then every cursor positioned on it.
                Row next = cursors[0].Current;
                for (int i = 1; i < cursors.Count; i++)
                {
                    int c = comparator.Compare(cursors[i].Current.Clustering, next.Clustering);
                    if (reversed ? c > 0 : c < 0) next = cursors[i].Current;
                }
                Row? merged = null;
                for (int i = cursors.Count - 1; i >= 0; i--)
                {
                    var row = cursors[i].Current;
                    if (comparator.Compare(row.Clustering, next.Clustering) != 0) continue;
                    merged = merged is null ? row : Row.Merge(merged, row);
                    if (!cursors[i].MoveNext())
                    {
                        cursors[i].Dispose();
                        cursors.RemoveAt(i);
                    }
                }
                yield return merged!;
            }
        }
        finally
        {
            foreach (var e in cursors) e.Dispose();
        }
    }

    /// <summary>Partition streams in token order merged by key: each group holds every source's version of one key.</summary>
    public static IEnumerable<List<IUnfilteredPartition>> MergePartitions(IReadOnlyList<IEnumerable<IUnfilteredPartition>> sources)
    {
        var cursors = new List<IEnumerator<IUnfilteredPartition>>(sources.Count);
        try
        {
            foreach (var source in sources)
            {
                var e = source.GetEnumerator();
                if (e.MoveNext()) cursors.Add(e);
                else e.Dispose();
            }
            while (cursors.Count > 0)
            {
                DecoratedKey next = cursors[0].Current.Key;
                for (int i = 1; i < cursors.Count; i++)
                    if (cursors[i].Current.Key.CompareTo(next) < 0) next = cursors[i].Current.Key;
                var group = new List<IUnfilteredPartition>();
                // Oldest source first is not needed for correctness (reconciliation is order-free); keep source order.
                for (int i = 0; i < cursors.Count; i++)
                {
                    if (cursors[i].Current.Key.CompareTo(next) != 0) continue;
                    group.Add(cursors[i].Current);
                    if (!cursors[i].MoveNext())
                    {
                        cursors[i].Dispose();
                        cursors.RemoveAt(i--);
                    }
                }
                yield return group;
            }
        }
        finally
        {
            foreach (var e in cursors) e.Dispose();
        }
    }
}
