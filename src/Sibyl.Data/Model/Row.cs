namespace Sibyl.Data.Model;

/// <summary>
/// A row: its clustering, primary key liveness (set by INSERT), row deletion, and cells ordered by column
/// name then cell path, and the complex deletions of its non-frozen collection/UDT columns. Immutable;
/// <see cref="Merge"/> reconciles two versions of the same row.
/// </summary>
public sealed class Row
{
    public Row(Clustering clustering, LivenessInfo primaryKeyLiveness, DeletionTime deletion, Cell[] cells)
        : this(clustering, primaryKeyLiveness, deletion, cells, [])
    {
    }

    public Row(Clustering clustering, LivenessInfo primaryKeyLiveness, DeletionTime deletion, Cell[] cells, ComplexDeletion[] complexDeletions)
    {
        Clustering = clustering;
        PrimaryKeyLiveness = primaryKeyLiveness;
        Deletion = deletion;
        Cells = cells;
        ComplexDeletions = complexDeletions;
    }

    public Clustering Clustering { get; }
    public LivenessInfo PrimaryKeyLiveness { get; }
    public DeletionTime Deletion { get; }

    /// <summary>Sorted by <see cref="CellOrder"/>; at most one cell per (column, path).</summary>
    public Cell[] Cells { get; }

    /// <summary>Sorted by column; at most one per column, each newer than <see cref="Deletion"/>.</summary>
    public ComplexDeletion[] ComplexDeletions { get; }

    public bool IsStatic => Clustering.IsStatic;

    public static int CellOrder(Cell a, Cell b)
    {
        int c = string.CompareOrdinal(a.Column, b.Column);
        if (c != 0) return c;
        if (a.Path is null || b.Path is null) return (a.Path is null ? 0 : 1) - (b.Path is null ? 0 : 1);
        return a.Path.AsSpan().SequenceCompareTo(b.Path);
    }

    /// <summary>Builds a row from cells in any order (later duplicates reconciled).</summary>
    public static Row Create(Clustering clustering, LivenessInfo liveness, DeletionTime deletion, List<Cell> cells) =>
        Create(clustering, liveness, deletion, cells, null);

    /// <summary>Builds a row from cells and complex deletions in any order; cells they shadow are dropped.</summary>
    public static Row Create(Clustering clustering, LivenessInfo liveness, DeletionTime deletion, List<Cell> cells, List<ComplexDeletion>? complexDeletions)
    {
        ComplexDeletion[] complex = [];
        if (complexDeletions is { Count: > 0 })
        {
            complexDeletions.Sort(ComplexDeletion.Order);
            var unique = new List<ComplexDeletion>(complexDeletions.Count);
            foreach (var d in complexDeletions)
            {
                if (unique.Count > 0 && unique[^1].Column == d.Column)
                    unique[^1] = new ComplexDeletion(d.Column, DeletionTime.Max(unique[^1].Deletion, d.Deletion));
                else
                    unique.Add(d);
            }
            complex = [.. unique];
        }
        if (cells.Count > 1) cells.Sort(CellOrder);
        // One array, trimmed only when cells were shadowed or merged: this runs for every write.
        var merged = cells.Count == 0 ? [] : new Cell[cells.Count];
        int count = 0;
        foreach (var cell in cells)
        {
            if (complex.Length > 0 && ComplexDeletion.Find(complex, cell.Column).Deletes(cell.Timestamp))
                continue;
            if (count > 0 && CellOrder(merged[count - 1], cell) == 0)
                merged[count - 1] = Cell.Reconcile(merged[count - 1], cell);
            else
                merged[count++] = cell;
        }
        if (count != merged.Length) Array.Resize(ref merged, count);
        return new Row(clustering, liveness, deletion, merged, complex);
    }

    public Cell? GetCell(string column)
    {
        foreach (var cell in Cells)
            if (cell.Column == column && cell.Path is null) return cell;
        return null;
    }

    /// <summary>The element cells of a non-frozen collection or UDT column, in path byte order.</summary>
    public ReadOnlySpan<Cell> ComplexCells(string column)
    {
        int start = -1, end = -1;
        for (int i = 0; i < Cells.Length; i++)
        {
            var cell = Cells[i];
            if (cell.Column != column || cell.Path is null) continue;
            if (start < 0) start = i;
            end = i + 1;
        }
        return start < 0 ? [] : Cells.AsSpan(start, end - start);
    }

    /// <summary>Reconciles two versions of the same row; cells shadowed by the merged row deletion are dropped.</summary>
    public static Row Merge(Row a, Row b)
    {
        var deletion = DeletionTime.Max(a.Deletion, b.Deletion);
        var liveness = LivenessInfo.Merge(a.PrimaryKeyLiveness, b.PrimaryKeyLiveness);
        if (deletion.Deletes(liveness.Timestamp)) liveness = LivenessInfo.Empty;
        var complex = Surviving(ComplexDeletion.Merge(a.ComplexDeletions, b.ComplexDeletions), deletion);
        var cells = new List<Cell>(a.Cells.Length + b.Cells.Length);
        int i = 0, j = 0;
        while (i < a.Cells.Length || j < b.Cells.Length)
        {
            Cell next;
            if (i == a.Cells.Length) next = b.Cells[j++];
            else if (j == b.Cells.Length) next = a.Cells[i++];
            else
            {
                int c = CellOrder(a.Cells[i], b.Cells[j]);
                next = c < 0 ? a.Cells[i++] : c > 0 ? b.Cells[j++] : Cell.Reconcile(a.Cells[i++], b.Cells[j++]);
            }
            if (!Deletes(deletion, complex, next)) cells.Add(next);
        }
        return new Row(a.Clustering, liveness, deletion, [.. cells], complex);
    }

    /// <summary>Whether the row deletion or the complex deletion of the cell's column (which also covers a whole-value
    /// cell written before the column's elements became cells) shadows the cell.</summary>
    private static bool Deletes(DeletionTime deletion, ComplexDeletion[] complex, Cell cell) =>
        deletion.Deletes(cell.Timestamp)
        || (complex.Length > 0 && ComplexDeletion.Find(complex, cell.Column).Deletes(cell.Timestamp));

    /// <summary>Complex deletions that say more than the row deletion (Cassandra drops the others).</summary>
    private static ComplexDeletion[] Surviving(ComplexDeletion[] complex, DeletionTime deletion)
    {
        if (complex.Length == 0 || deletion.IsLive) return complex;
        int kept = 0;
        foreach (var d in complex) if (d.Deletion.Supersedes(deletion)) kept++;
        if (kept == complex.Length) return complex;
        var result = new ComplexDeletion[kept];
        int k = 0;
        foreach (var d in complex) if (d.Deletion.Supersedes(deletion)) result[k++] = d;
        return result;
    }

    /// <summary>
    /// This row as seen under an enclosing (partition or range) deletion and its own row deletion; null if
    /// nothing survives. The row's own deletion counts too: a row built in one update (never merged) may hold
    /// a deletion newer than some of its cells.
    /// </summary>
    public Row? Shadowed(DeletionTime enclosing)
    {
        if (enclosing.IsLive && Deletion.IsLive && ComplexDeletions.Length == 0) return this;
        var deletion = DeletionTime.Max(Deletion, enclosing);
        var liveness = deletion.Deletes(PrimaryKeyLiveness.Timestamp) ? LivenessInfo.Empty : PrimaryKeyLiveness;
        var complex = Surviving(ComplexDeletions, deletion);
        var kept = new List<Cell>(Cells.Length);
        foreach (var cell in Cells)
            if (!Deletes(deletion, complex, cell)) kept.Add(cell);
        if (liveness.IsEmpty && kept.Count == 0 && deletion.IsLive && complex.Length == 0) return null;
        return new Row(Clustering, liveness, deletion, [.. kept], complex);
    }

    /// <summary>Whether the row is visible to a reader: live primary key liveness or at least one live cell.</summary>
    public bool HasLiveData(int nowInSeconds)
    {
        if (PrimaryKeyLiveness.IsLive(nowInSeconds)) return true;
        foreach (var cell in Cells)
            if (cell.IsLive(nowInSeconds)) return true;
        return false;
    }
}
