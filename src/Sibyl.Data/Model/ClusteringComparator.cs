using Sibyl.Data.Types;

namespace Sibyl.Data.Model;

/// <summary>
/// Orders clusterings by each column's type, reversed for DESC columns (Cassandra's ReversedType), and
/// decides whether a clustering falls inside a slice.
/// </summary>
public sealed class ClusteringComparator : IComparer<Clustering>
{
    private readonly CqlType[] _types;
    private readonly bool[] _reversed;

    public ClusteringComparator(IReadOnlyList<CqlType> types, IReadOnlyList<bool> reversed)
    {
        _types = [.. types];
        _reversed = [.. reversed];
    }

    public int Size => _types.Length;

    public CqlType TypeAt(int index) => _types[index];

    public bool IsReversed(int index) => _reversed[index];

    public int CompareComponent(int index, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = _types[index].Compare(left, right);
        return _reversed[index] ? -c : c;
    }

    public int Compare(Clustering? x, Clustering? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        if (x.IsStatic != y.IsStatic) return x.IsStatic ? -1 : 1;
        int n = Math.Min(x.Size, y.Size);
        for (int i = 0; i < n; i++)
        {
            int c = CompareComponent(i, x.Values[i], y.Values[i]);
            if (c != 0) return c;
        }
        // Equal on the common prefix: a seek key sorts before or after everything it prefixes.
        if (x.Size == y.Size) return SideOrder(x.Side) - SideOrder(y.Side);
        return x.Size < y.Size
            ? (x.Side == Clustering.BoundSide.After ? 1 : -1)
            : (y.Side == Clustering.BoundSide.After ? -1 : 1);
    }

    private static int SideOrder(Clustering.BoundSide side) => side switch
    {
        Clustering.BoundSide.Before => -1,
        Clustering.BoundSide.After => 1,
        _ => 0,
    };

    /// <summary>Compares the common prefix of two value lists; a shorter prefix of equal values sorts first.</summary>
    public int ComparePrefixes(byte[][] x, byte[][] y)
    {
        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            int c = CompareComponent(i, x[i], y[i]);
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }

    private int CompareToPrefix(byte[][] values, byte[][] prefix)
    {
        for (int i = 0; i < prefix.Length; i++)
        {
            int c = CompareComponent(i, values[i], prefix[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>Whether a clustering is at or after the start bound of a slice.</summary>
    public bool IsAfterStart(Clustering clustering, ClusteringBound start)
    {
        if (start.IsUnbounded) return true;
        int c = CompareToPrefix(clustering.Values, start.Prefix);
        return c > 0 || (c == 0 && start.Inclusive);
    }

    /// <summary>Whether a clustering is at or before the end bound of a slice.</summary>
    public bool IsBeforeEnd(Clustering clustering, ClusteringBound end)
    {
        if (end.IsUnbounded) return true;
        int c = CompareToPrefix(clustering.Values, end.Prefix);
        return c < 0 || (c == 0 && end.Inclusive);
    }

    public bool Contains(Slice slice, Clustering clustering) =>
        !clustering.IsStatic && IsAfterStart(clustering, slice.Start) && IsBeforeEnd(clustering, slice.End);
}
