using Sibyl.Data.Model;

namespace Sibyl.Cql.Restrictions;

/// <summary>
/// A multi-column slice such as <c>(b, c) &gt; (1, 2)</c> compares tuples in each type's natural order, but rows are
/// stored in clustering order, where a DESC column runs backwards. When the columns of a slice do not all run the
/// same way, one clustering slice cannot express it, so (as Cassandra's MultiColumnRestriction does) the tuple
/// bound is split into disjoint pieces, "b &gt; 1" and "b = 1 AND c &gt; 2", each a slice of its own, and a lower and
/// an upper bound are intersected piece by piece.
/// </summary>
internal static class MixedOrderSlices
{
    /// <summary>Columns first..first+Eq.Length-1 equal Eq; the next column lies between Lo and Hi (null: unbounded).</summary>
    private sealed record Piece(byte[][] Eq, byte[]? Lo, bool LoInclusive, byte[]? Hi, bool HiInclusive);

    /// <summary>Whether the columns a slice's bounds cover do not all run in the same direction.</summary>
    public static bool IsMixed(ClusteringComparator comparator, int firstColumn, int columnCount)
    {
        for (int i = 1; i < columnCount; i++)
            if (comparator.IsReversed(firstColumn + i) != comparator.IsReversed(firstColumn)) return true;
        return false;
    }

    /// <summary>The slices, sorted in clustering order, below <paramref name="prefix"/> that the bounds select.</summary>
    public static List<Slice> Build(byte[][] prefix, int firstColumn, byte[][]? lower, bool lowerInclusive, byte[][]? upper, bool upperInclusive,
        ClusteringComparator comparator)
    {
        List<Piece> pieces;
        if (lower is null && upper is null) pieces = [new Piece([], null, true, null, true)];
        else if (upper is null) pieces = Decompose(lower!, lowerInclusive, isLower: true);
        else if (lower is null) pieces = Decompose(upper, upperInclusive, isLower: false);
        else
        {
            pieces = [];
            foreach (var l in Decompose(lower, lowerInclusive, isLower: true))
                foreach (var u in Decompose(upper, upperInclusive, isLower: false))
                    if (Intersect(l, u, firstColumn, comparator) is { } piece) pieces.Add(piece);
        }
        var slices = new List<Slice>(pieces.Count);
        foreach (var piece in pieces)
            slices.Add(ToSlice(prefix, firstColumn, piece, comparator));
        slices.Sort((a, b) => CompareStarts(a.Start, b.Start, comparator));
        return slices;
    }

    /// <summary>
    /// (v0..vm-1) as a lower bound is the union of "v0..vk-1 equal, column k above vk" for each k, the last one
    /// inclusive when the bound is; an upper bound likewise with "below".
    /// </summary>
    private static List<Piece> Decompose(byte[][] values, bool inclusive, bool isLower)
    {
        var pieces = new List<Piece>(values.Length);
        for (int k = 0; k < values.Length; k++)
        {
            bool last = k == values.Length - 1;
            bool inclusiveHere = last && inclusive;
            pieces.Add(isLower
                ? new Piece(values[..k], values[k], inclusiveHere, null, true)
                : new Piece(values[..k], null, true, values[k], inclusiveHere));
        }
        return pieces;
    }

    /// <summary>The rows in both a lower piece and an upper piece, or null when there are none.</summary>
    private static Piece? Intersect(Piece lower, Piece upper, int firstColumn, ClusteringComparator comparator)
    {
        var (shorter, longer) = lower.Eq.Length <= upper.Eq.Length ? (lower, upper) : (upper, lower);
        int k = shorter.Eq.Length;
        for (int i = 0; i < k; i++)
            if (Natural(comparator, firstColumn + i, shorter.Eq[i], longer.Eq[i]) != 0) return null;
        if (k < longer.Eq.Length)
            return InRange(shorter, longer.Eq[k], firstColumn + k, comparator) ? longer : null;
        var piece = new Piece(lower.Eq, lower.Lo, lower.LoInclusive, upper.Hi, upper.HiInclusive);
        int c = Natural(comparator, firstColumn + k, piece.Lo!, piece.Hi!);
        return c < 0 || (c == 0 && piece.LoInclusive && piece.HiInclusive) ? piece : null;
    }

    private static bool InRange(Piece piece, byte[] value, int column, ClusteringComparator comparator)
    {
        if (piece.Lo is not null)
        {
            int c = Natural(comparator, column, value, piece.Lo);
            if (c < 0 || (c == 0 && !piece.LoInclusive)) return false;
        }
        if (piece.Hi is not null)
        {
            int c = Natural(comparator, column, value, piece.Hi);
            if (c > 0 || (c == 0 && !piece.HiInclusive)) return false;
        }
        return true;
    }

    private static int Natural(ClusteringComparator comparator, int column, byte[] a, byte[] b) => comparator.TypeAt(column).Compare(a, b);

    private static Slice ToSlice(byte[][] prefix, int firstColumn, Piece piece, ClusteringComparator comparator)
    {
        byte[][] eq = [.. prefix, .. piece.Eq];
        bool reversed = comparator.IsReversed(firstColumn + piece.Eq.Length);
        var (start, startInclusive, end, endInclusive) = reversed
            ? (piece.Hi, piece.HiInclusive, piece.Lo, piece.LoInclusive)
            : (piece.Lo, piece.LoInclusive, piece.Hi, piece.HiInclusive);
        return new Slice(
            start is null ? new ClusteringBound(eq, true) : new ClusteringBound([.. eq, start], startInclusive),
            end is null ? new ClusteringBound(eq, true) : new ClusteringBound([.. eq, end], endInclusive));
    }

    /// <summary>Orders start bounds by position: an inclusive prefix starts before, an exclusive one after, the rows it prefixes.</summary>
    private static int CompareStarts(ClusteringBound a, ClusteringBound b, ClusteringComparator comparator)
    {
        int n = Math.Min(a.Prefix.Length, b.Prefix.Length);
        for (int i = 0; i < n; i++)
        {
            int c = comparator.CompareComponent(i, a.Prefix[i], b.Prefix[i]);
            if (c != 0) return c;
        }
        if (a.Prefix.Length == b.Prefix.Length) return (a.Inclusive ? 0 : 1) - (b.Inclusive ? 0 : 1);
        return a.Prefix.Length < b.Prefix.Length ? (a.Inclusive ? -1 : 1) : (b.Inclusive ? 1 : -1);
    }
}
