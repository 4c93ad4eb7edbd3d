namespace Sibyl.Data.Model;

/// <summary>
/// A row: its clustering, primary key liveness (set by INSERT), row deletion, and cells ordered by column
/// name then cell path. Immutable; <see cref="Merge"/> reconciles two versions of the same row.
/// </summary>
public sealed class Row
{
    public Row(Clustering clustering, LivenessInfo primaryKeyLiveness, DeletionTime deletion, Cell[] cells)
    {
        Clustering = clustering;
        PrimaryKeyLiveness = primaryKeyLiveness;
        Deletion = deletion;
        Cells = cells;
    }

    public Clustering Clustering { get; }
    public LivenessInfo PrimaryKeyLiveness { get; }
    public DeletionTime Deletion { get; }

    /// <summary>Sorted by <see cref="CellOrder"/>; at most one cell per (column, path).</summary>
    public Cell[] Cells { get; }

    public bool IsStatic => Clustering.IsStatic;

    public static int CellOrder(Cell a, Cell b)
    {
        int c = string.CompareOrdinal(a.Column, b.Column);
        if (c != 0) return c;
        if (a.Path is null || b.Path is null) return (a.Path is null ? 0 : 1) - (b.Path is null ? 0 : 1);
        return a.Path.AsSpan().SequenceCompareTo(b.Path);
    }

    /// <summary>Builds a row from cells in any order (later duplicates reconciled).</summary>
    public static Row Create(Clustering clustering, LivenessInfo liveness, DeletionTime deletion, List<Cell> cells)
    {
        cells.Sort(CellOrder);
        var merged = new List<Cell>(cells.Count);
        foreach (var cell in cells)
        {
            if (merged.Count > 0 && CellOrder(merged[^1], cell) == 0)
                merged[^1] = Cell.Reconcile(merged[^1], cell);
            else
                merged.Add(cell);
        }
        return new Row(clustering, liveness, deletion, [.. merged]);
    }

    public Cell? GetCell(string column)
    {
        foreach (var cell in Cells)
            if (cell.Column == column && cell.Path is null) return cell;
        return null;
    }

    /// <summary>Reconciles two versions of the same row; cells shadowed by the merged row deletion are dropped.</summary>
    public static Row Merge(Row a, Row b)
    {
        var deletion = DeletionTime.Max(a.Deletion, b.Deletion);
        var liveness = LivenessInfo.Merge(a.PrimaryKeyLiveness, b.PrimaryKeyLiveness);
        if (deletion.Deletes(liveness.Timestamp)) liveness = LivenessInfo.Empty;
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
            if (!deletion.Deletes(next.Timestamp)) cells.Add(next);
        }
        return new Row(a.Clustering, liveness, deletion, [.. cells]);
    }

    /// <summary>
    /// This row as seen under an enclosing (partition or range) deletion and its own row deletion; null if
    /// nothing survives. The row's own deletion counts too: a row built in one update (never merged) may hold
    /// a deletion newer than some of its cells.
    /// </summary>
    public Row? Shadowed(DeletionTime enclosing)
    {
        if (enclosing.IsLive && Deletion.IsLive) return this;
        var deletion = DeletionTime.Max(Deletion, enclosing);
        var liveness = deletion.Deletes(PrimaryKeyLiveness.Timestamp) ? LivenessInfo.Empty : PrimaryKeyLiveness;
        var kept = new List<Cell>(Cells.Length);
        foreach (var cell in Cells)
            if (!deletion.Deletes(cell.Timestamp)) kept.Add(cell);
        if (liveness.IsEmpty && kept.Count == 0 && deletion.IsLive) return null;
        return new Row(Clustering, liveness, deletion, [.. kept]);
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
