using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Compaction;

/// <summary>
/// The versions of one partition merged for compaction (Cassandra's CompactionIterator): data shadowed by a
/// deletion is dropped, expired TTL cells become tombstones, and tombstones are purged once older than
/// gc_grace_seconds when no data they could shadow may remain outside the compaction. Rows are produced
/// lazily so wide partitions stream through.
/// </summary>
internal sealed class CompactedPartition : IUnfilteredPartition
{
    private readonly IReadOnlyList<IUnfilteredPartition> _versions;
    private readonly ClusteringComparator _comparator;
    private readonly int _nowInSeconds;
    private readonly int _gcBefore;
    private readonly Func<DecoratedKey, long> _maxPurgeableTimestamp;
    private readonly DeletionTime _originalDeletion;
    private readonly List<RangeTombstone> _originalRangeTombstones;
    private long? _maxPurgeable;

    public CompactedPartition(IReadOnlyList<IUnfilteredPartition> versions, ClusteringComparator comparator, int nowInSeconds, int gcBefore,
        Func<DecoratedKey, long> maxPurgeableTimestamp)
    {
        _versions = versions;
        _comparator = comparator;
        _nowInSeconds = nowInSeconds;
        _gcBefore = gcBefore;
        _maxPurgeableTimestamp = maxPurgeableTimestamp;
        Key = versions[0].Key;

        var deletion = DeletionTime.Live;
        var rangeTombstones = new List<RangeTombstone>();
        Row? staticRow = null;
        foreach (var version in versions)
        {
            deletion = DeletionTime.Max(deletion, version.PartitionDeletion);
            rangeTombstones.AddRange(version.RangeTombstones);
            if (version.StaticRow is { } s) staticRow = staticRow is null ? s : Row.Merge(staticRow, s);
        }
        _originalDeletion = deletion;
        _originalRangeTombstones = rangeTombstones;
        PartitionDeletion = !deletion.IsLive && Purgeable(deletion) ? DeletionTime.Live : deletion;

        var kept = new List<RangeTombstone>();
        foreach (var rt in rangeTombstones)
        {
            // Superseded by the partition deletion, already kept, or purgeable: not written again.
            if (!rt.Deletion.Supersedes(deletion)) continue;
            if (Purgeable(rt.Deletion)) continue;
            if (kept.Exists(k => SameRangeTombstone(k, rt))) continue;
            kept.Add(rt);
        }
        RangeTombstones = kept;
        StaticRow = staticRow is null ? null : Purge(staticRow, deletion);
    }

    public DecoratedKey Key { get; }
    public DeletionTime PartitionDeletion { get; }
    public IReadOnlyList<RangeTombstone> RangeTombstones { get; }
    public Row? StaticRow { get; }

    public IEnumerable<Row> Rows(Slice slice, bool reversed)
    {
        foreach (var row in PartitionMerger.MergeRows(_versions, slice, reversed, _comparator))
        {
            var covering = PartitionMerger.Covering(_originalDeletion, _originalRangeTombstones, row.Clustering, _comparator);
            var purged = Purge(row, covering);
            if (purged is not null) yield return purged;
        }
    }

    private long MaxPurgeable => _maxPurgeable ??= _maxPurgeableTimestamp(Key);

    /// <summary>Cassandra's purge rule: past gc grace, and older than anything for this key outside the compaction.</summary>
    private bool Purgeable(DeletionTime deletion) => Purgeable(deletion.MarkedForDeleteAt, deletion.LocalDeletionTime);

    private bool Purgeable(long timestamp, int localDeletionTime) => localDeletionTime < _gcBefore && timestamp < MaxPurgeable;

    private Row? Purge(Row row, DeletionTime covering)
    {
        var rowDeletion = row.Deletion;
        // A row deletion no newer than what covers it says nothing more.
        if (!covering.IsLive && !rowDeletion.Supersedes(covering)) rowDeletion = DeletionTime.Live;
        var effective = DeletionTime.Max(rowDeletion, covering);

        var liveness = row.PrimaryKeyLiveness;
        if (!liveness.IsEmpty && effective.Deletes(liveness.Timestamp)) liveness = LivenessInfo.Empty;
        // Expired primary key liveness acts as a tombstone written at expiration - ttl.
        if (!liveness.IsEmpty && liveness.IsExpiring && _nowInSeconds >= liveness.LocalExpirationTime
            && Purgeable(liveness.Timestamp, liveness.LocalExpirationTime - liveness.Ttl))
            liveness = LivenessInfo.Empty;

        List<Cell>? cells = null;
        for (int i = 0; i < row.Cells.Length; i++)
        {
            var cell = row.Cells[i];
            Cell? kept = cell;
            if (effective.Deletes(cell.Timestamp))
            {
                kept = null;
            }
            else
            {
                if (cell.IsExpiring && _nowInSeconds >= cell.LocalDeletionTime)
                    kept = new Cell(cell.Column, cell.Path, [], cell.Timestamp, LivenessInfo.NoTtl, cell.LocalDeletionTime - cell.Ttl);
                if (kept.IsTombstone && Purgeable(kept.Timestamp, kept.LocalDeletionTime)) kept = null;
            }
            if (cells is null && !ReferenceEquals(kept, cell))
            {
                cells = new List<Cell>(row.Cells.Length);
                for (int j = 0; j < i; j++) cells.Add(row.Cells[j]);
            }
            if (cells is not null && kept is not null) cells.Add(kept);
        }

        if (!rowDeletion.IsLive && Purgeable(rowDeletion)) rowDeletion = DeletionTime.Live;
        var finalCells = cells is null ? row.Cells : [.. cells];
        var complex = PurgeComplexDeletions(row.ComplexDeletions, effective);
        if (liveness.IsEmpty && rowDeletion.IsLive && finalCells.Length == 0 && complex.Length == 0) return null;
        if (cells is null && liveness == row.PrimaryKeyLiveness && rowDeletion == row.Deletion && ReferenceEquals(complex, row.ComplexDeletions)) return row;
        return new Row(row.Clustering, liveness, rowDeletion, finalCells, complex);
    }

    /// <summary>Complex deletions that still say something: newer than what covers the row, and not purgeable.</summary>
    private ComplexDeletion[] PurgeComplexDeletions(ComplexDeletion[] complex, DeletionTime effective)
    {
        if (complex.Length == 0) return complex;
        var kept = new List<ComplexDeletion>(complex.Length);
        foreach (var d in complex)
            if (d.Deletion.Supersedes(effective) && !Purgeable(d.Deletion)) kept.Add(d);
        return kept.Count == complex.Length ? complex : [.. kept];
    }

    private static bool SameRangeTombstone(RangeTombstone a, RangeTombstone b) =>
        a.Deletion == b.Deletion
        && a.Slice.Start.Inclusive == b.Slice.Start.Inclusive && a.Slice.End.Inclusive == b.Slice.End.Inclusive
        && SamePrefix(a.Slice.Start.Prefix, b.Slice.Start.Prefix) && SamePrefix(a.Slice.End.Prefix, b.Slice.End.Prefix);

    private static bool SamePrefix(byte[][] a, byte[][] b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (!a[i].AsSpan().SequenceEqual(b[i])) return false;
        return true;
    }
}
