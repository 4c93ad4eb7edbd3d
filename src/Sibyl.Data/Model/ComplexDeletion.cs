namespace Sibyl.Data.Model;

/// <summary>
/// The deletion of a whole non-frozen collection or UDT column in one row (Cassandra's complex deletion): it
/// shadows that column's element cells written at or before <see cref="DeletionTime.MarkedForDeleteAt"/>.
/// Overwriting a collection writes one at timestamp - 1 before the new elements.
/// </summary>
public readonly record struct ComplexDeletion(string Column, DeletionTime Deletion)
{
    public static int Order(ComplexDeletion a, ComplexDeletion b) => string.CompareOrdinal(a.Column, b.Column);

    /// <summary>The deletion of <paramref name="column"/> among deletions sorted by column, or live.</summary>
    public static DeletionTime Find(ComplexDeletion[] deletions, string column)
    {
        foreach (var d in deletions)
            if (d.Column == column) return d.Deletion;
        return DeletionTime.Live;
    }

    /// <summary>Merges two sorted arrays, keeping per column the deletion that supersedes.</summary>
    public static ComplexDeletion[] Merge(ComplexDeletion[] a, ComplexDeletion[] b)
    {
        if (b.Length == 0) return a;
        if (a.Length == 0) return b;
        var merged = new List<ComplexDeletion>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (i == a.Length) merged.Add(b[j++]);
            else if (j == b.Length) merged.Add(a[i++]);
            else
            {
                int c = Order(a[i], b[j]);
                if (c < 0) merged.Add(a[i++]);
                else if (c > 0) merged.Add(b[j++]);
                else merged.Add(new ComplexDeletion(a[i].Column, DeletionTime.Max(a[i++].Deletion, b[j++].Deletion)));
            }
        }
        return [.. merged];
    }
}
