using Sibyl.Data.Model;
using Sibyl.Storage.Memtables;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// Reconciling an update into a row kept serialized in the memtable, without decoding the stored row into
/// objects: the write path's overwrite. The result is byte for byte what <see cref="WriteRow"/> writes for
/// <see cref="Row.Merge"/> of the decoded row and the update. Rows with what only the object merge handles
/// (complex deletions, element cells, counter contexts) are left to it.
/// </summary>
internal static partial class RowSerializer
{
    private const int MaxKeptCellsSize = 1 << 20;

    [ThreadStatic]
    private static ByteWriter? t_mergedCells;

    /// <summary>
    /// Writes into <paramref name="w"/> the reconciliation of <paramref name="stored"/> (a row in the memtable
    /// layout of <paramref name="names"/>) with <paramref name="update"/>; false, with <paramref name="w"/> in
    /// an unspecified state, when the rows need the object merge.
    /// </summary>
    public static bool TryMerge(ByteWriter w, ReadOnlySpan<byte> stored, Row update, ColumnNameTable names)
    {
        if (update.ComplexDeletions.Length > 0 || !AreSimple(update.Cells)) return false;
        var r = new ByteReader(stored);
        byte flags = r.ReadByte();
        if ((flags & HasComplexDeletions) != 0) return false;
        int clusteringStart = r.Position;
        if ((flags & IsStaticRow) == 0) SkipClustering(ref r);
        var clustering = stored[clusteringStart..r.Position];
        var liveness = (flags & HasLiveness) != 0 ? ReadLiveness(ref r) : LivenessInfo.Empty;
        var storedDeletion = (flags & HasDeletion) != 0 ? ReadDeletion(ref r) : DeletionTime.Live;
        int storedCount = r.ReadLength();

        // Row.Merge's order: the stored row is its first argument, the update its second.
        var deletion = DeletionTime.Max(storedDeletion, update.Deletion);
        liveness = LivenessInfo.Merge(liveness, update.PrimaryKeyLiveness);
        if (deletion.Deletes(liveness.Timestamp)) liveness = LivenessInfo.Empty;

        // Cells go to a scratch writer first: their count precedes them and is known only at the end.
        var cells = t_mergedCells ??= new ByteWriter(512);
        cells.Clear();
        int written = 0;
        var updateCells = update.Cells;
        int u = 0;
        int storedLeft = storedCount;
        StoredCell current = default;
        bool hasStored = storedLeft-- > 0;
        if (hasStored && !TryReadCell(ref r, stored, names, out current)) return false;
        while (hasStored || u < updateCells.Length)
        {
            int order = !hasStored ? 1 : u == updateCells.Length ? -1 : string.CompareOrdinal(current.Column, updateCells[u].Column);
            if (order > 0 || (order == 0 && !StoredWins(current, updateCells[u])))
            {
                var cell = updateCells[u];
                if (!deletion.Deletes(cell.Timestamp))
                {
                    WriteCell(cells, cell, names);
                    written++;
                }
            }
            else if (!deletion.Deletes(current.Timestamp))
            {
                cells.WriteBytes(current.Raw);
                written++;
            }
            if (order >= 0) u++;
            if (order <= 0)
            {
                hasStored = storedLeft-- > 0;
                if (hasStored && !TryReadCell(ref r, stored, names, out current)) return false;
            }
        }

        byte merged = (byte)(flags & IsStaticRow);
        if (!liveness.IsEmpty) merged |= HasLiveness;
        if (!deletion.IsLive) merged |= HasDeletion;
        w.WriteByte(merged);
        w.WriteBytes(clustering);
        if (!liveness.IsEmpty) WriteLiveness(w, liveness);
        if (!deletion.IsLive) WriteDeletion(w, deletion);
        w.WriteUnsignedVInt((ulong)written);
        w.WriteBytes(cells.WrittenSpan);
        if (cells.Length > MaxKeptCellsSize) t_mergedCells = null; // a rare huge row: do not keep its buffer
        return true;
    }

    /// <summary>Cells of simple columns only, none a counter context: what <see cref="TryMerge"/> reconciles.</summary>
    private static bool AreSimple(Cell[] cells)
    {
        foreach (var cell in cells)
            if (cell.Path is not null || CounterContext.IsContext(cell.Value)) return false;
        return true;
    }

    private static void SkipClustering(ref ByteReader r)
    {
        int count = r.ReadLength();
        for (int i = 0; i < count; i++) r.ReadSpan(r.ReadLength());
    }

    /// <summary>One serialized cell: its fields and its bytes, copied as they are when it wins.</summary>
    private readonly ref struct StoredCell(string column, long timestamp, int ttl, int localDeletionTime, ReadOnlySpan<byte> value, ReadOnlySpan<byte> raw)
    {
        public readonly string Column = column;
        public readonly long Timestamp = timestamp;
        public readonly int Ttl = ttl;
        public readonly int LocalDeletionTime = localDeletionTime;
        public readonly ReadOnlySpan<byte> Value = value;
        public readonly ReadOnlySpan<byte> Raw = raw;
    }

    /// <summary>Reads a cell in <see cref="WriteCell"/>'s layout; false for an element cell or a counter context.</summary>
    private static bool TryReadCell(scoped ref ByteReader r, ReadOnlySpan<byte> row, ColumnNameTable names, out StoredCell cell)
    {
        int start = r.Position;
        byte flags = r.ReadByte();
        string column = names.NameOf(r.ReadLength());
        long timestamp = r.ReadVInt();
        int ttl = checked((int)r.ReadUnsignedVInt());
        int localDeletionTime = checked((int)r.ReadVInt());
        if ((flags & CellHasPath) != 0)
        {
            cell = default;
            return false;
        }
        var value = r.ReadSpan(r.ReadLength());
        cell = new StoredCell(column, timestamp, ttl, localDeletionTime, value, row[start..r.Position]);
        return !CounterContext.IsContext(value);
    }

    /// <summary>Whether <see cref="Cell.Reconcile"/>(stored, update) picks the stored cell (neither a counter).</summary>
    private static bool StoredWins(in StoredCell a, Cell b) =>
        Cell.FirstWins(a.Timestamp, a.Ttl, a.LocalDeletionTime, a.Value, b.Timestamp, b.Ttl, b.LocalDeletionTime, b.Value);
}
