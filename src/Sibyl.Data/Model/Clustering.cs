namespace Sibyl.Data.Model;

/// <summary>
/// The clustering key of a row: one serialized value per clustering column, in declaration order.
/// <see cref="Empty"/> is the clustering of a table without clustering columns; <see cref="StaticClustering"/>
/// marks the static row, which sorts before every other row.
/// </summary>
public sealed class Clustering
{
    public static readonly Clustering Empty = new([], isStatic: false);
    public static readonly Clustering StaticClustering = new([], isStatic: true);

    private Clustering(byte[][] values, bool isStatic, BoundSide side = BoundSide.None)
    {
        Values = values;
        IsStatic = isStatic;
        Side = side;
    }

    /// <summary>
    /// A search key placed just before (or just after) every clustering that starts with
    /// <paramref name="prefix"/>: Cassandra's bound kinds, used to seek in sorted rows.
    /// </summary>
    public static Clustering ForBound(byte[][] prefix, BoundSide side) => new(prefix, false, side);

    /// <summary>None for a row's clustering; Before/After for a seek key made by <see cref="ForBound"/>.</summary>
    public BoundSide Side { get; }

    public Clustering(byte[][] values) : this(values, isStatic: false) { }

    public byte[][] Values { get; }

    public bool IsStatic { get; }

    public int Size => Values.Length;

    public byte[] this[int index] => Values[index];

    public enum BoundSide : byte
    {
        None,
        Before,
        After,
    }

    public override string ToString() =>
        IsStatic ? "STATIC" : string.Join(":", Values.Select(v => Convert.ToHexString(v)));
}
