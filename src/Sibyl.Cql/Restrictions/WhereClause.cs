using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Restrictions;

/// <summary>
/// A prepared WHERE clause, split as Cassandra's StatementRestrictions splits it: partition key values (or a
/// token range), clustering prefix and slice, and the expressions left for filtering. Validation follows
/// Cassandra's rules and messages; <see cref="WhereClauseBuilder"/> builds it.
/// </summary>
public sealed class WhereClause
{
    internal WhereClause(
        TableMetadata table,
        ValueSet?[] partitionKey,
        SliceBound? tokenStart,
        SliceBound? tokenEnd,
        List<ClusteringPart> clusteringPrefix,
        ClusteringSlice? clusteringSlice,
        List<FilterExpression> filters)
    {
        Table = table;
        PartitionKey = partitionKey;
        TokenStart = tokenStart;
        TokenEnd = tokenEnd;
        ClusteringPrefix = clusteringPrefix;
        ClusteringSliceRestriction = clusteringSlice;
        Filters = filters;
    }

    public TableMetadata Table { get; }
    internal ValueSet?[] PartitionKey { get; }
    internal SliceBound? TokenStart { get; }
    internal SliceBound? TokenEnd { get; }
    internal List<ClusteringPart> ClusteringPrefix { get; }
    internal ClusteringSlice? ClusteringSliceRestriction { get; }
    public List<FilterExpression> Filters { get; }

    /// <summary>The secondary index a SELECT reads through, or null (see <see cref="SecondaryIndexRules"/>).</summary>
    public IndexRestriction? Index { get; internal set; }

    /// <summary>Whether every partition key column has an EQ or IN: the query reads named partitions.</summary>
    public bool HasAllPartitionKeyValues => PartitionKey.All(v => v is not null);

    public bool IsKeyRange => !HasAllPartitionKeyValues;

    public bool HasTokenRestriction => TokenStart is not null || TokenEnd is not null;

    public bool HasClusteringRestrictions => ClusteringPrefix.Count > 0 || ClusteringSliceRestriction is not null;

    /// <summary>Number of clustering columns fixed by EQ/IN (a full clustering when equal to the column count).</summary>
    public int ClusteringPrefixSize
    {
        get
        {
            int size = 0;
            foreach (var part in ClusteringPrefix) size += part.ColumnCount;
            return size;
        }
    }

    public bool HasClusteringSlice => ClusteringSliceRestriction is not null;

    public bool HasInOnPartitionKey => PartitionKey.Any(v => v is InValues or InMarker);

    /// <summary>The partitions named by the partition key restrictions, in the order Cassandra returns them.</summary>
    public List<DecoratedKey> PartitionKeys(QueryOptions options, QueryState state)
    {
        if (!HasTokenRestriction && SinglePartitionKey(options, state) is { } single) return [single];
        var components = new List<List<byte[]>>(PartitionKey.Length);
        for (int i = 0; i < PartitionKey.Length; i++)
            components.Add(PartitionKey[i]!.Values(options, state, Table.PartitionKeyColumns[i].Name));
        var keys = new List<DecoratedKey>();
        foreach (var combination in Cartesian(components))
        {
            ValidateKeySize(combination);
            keys.Add(Sibyl.Data.Model.PartitionKeys.Decorate(combination));
        }
        if (HasTokenRestriction) RemoveOutsideTokenRange(keys, options, state);
        return keys;
    }

    // Its own method: the lambda's captured state would otherwise be allocated on every call of the caller.
    private void RemoveOutsideTokenRange(List<DecoratedKey> keys, QueryOptions options, QueryState state)
    {
        var (start, end) = (TokenStart is null ? (Token?)null : TokenOf(TokenStart, options, state), TokenEnd is null ? (Token?)null : TokenOf(TokenEnd, options, state));
        keys.RemoveAll(k =>
            (start is { } s && (k.Token.CompareTo(s) < 0 || (k.Token.CompareTo(s) == 0 && !TokenStart!.Inclusive)))
            || (end is { } e && (k.Token.CompareTo(e) > 0 || (k.Token.CompareTo(e) == 0 && !TokenEnd!.Inclusive))));
    }

    private static void ValidateKeySize(byte[][] components)
    {
        long size = components.Length == 1 ? components[0].Length : 0;
        if (components.Length > 1)
            foreach (var c in components) size += c.Length + 3L;
        CheckKeySize(size);
    }

    private static void CheckKeySize(long size)
    {
        if (size > ushort.MaxValue)
            throw new InvalidRequestException($"Key length of {size} is longer than maximum of {ushort.MaxValue}");
    }

    /// <summary>
    /// The key when every partition key column has an EQ, the shape of nearly every request: built straight
    /// from the bound values, without the combination lists IN needs.
    /// </summary>
    private DecoratedKey? SinglePartitionKey(QueryOptions options, QueryState state)
    {
        foreach (var set in PartitionKey)
            if (set is not EqValue) return null;
        if (PartitionKey.Length == 1)
        {
            // The key is the value itself: no components array around it.
            var key = ValueSet.Checked(((EqValue)PartitionKey[0]!).Term.Bind(options, state), Table.PartitionKeyColumns[0].Name);
            CheckKeySize(key.Length);
            return Sibyl.Data.Model.PartitionKeys.Decorate(key);
        }
        var components = new byte[PartitionKey.Length][];
        for (int i = 0; i < components.Length; i++)
            components[i] = ValueSet.Checked(((EqValue)PartitionKey[i]!).Term.Bind(options, state), Table.PartitionKeyColumns[i].Name);
        ValidateKeySize(components);
        return Sibyl.Data.Model.PartitionKeys.Decorate(components);
    }

    /// <summary>
    /// The one partition the restrictions name when every partition key column has an EQ and there is no token
    /// relation, else null (then <see cref="PartitionKeys"/> gives them): what PartitionKeys returns, without its list.
    /// </summary>
    public DecoratedKey? SinglePartition(QueryOptions options, QueryState state) =>
        HasTokenRestriction ? null : SinglePartitionKey(options, state);

    /// <summary>The clustering values of each row a modification names (full clusterings).</summary>
    public List<byte[][]> Clusterings(QueryOptions options, QueryState state) => ClusteringPrefixes(options, state);

    // A method of its own: a lambda capturing options and state would be allocated on every call of its caller.
    private List<byte[][]> ClusteringPrefixes(QueryOptions options, QueryState state) =>
        Cartesian(ClusteringPrefix.Select(p => p.Tuples(options, state)).ToList(), flatten: true);

    /// <summary>The slices of each partition a read selects, sorted in clustering order.</summary>
    public List<Slice> Slices(QueryOptions options, QueryState state)
    {
        if (ClusteringPrefix.Count == 0 && ClusteringSliceRestriction is null) return [Slice.All];
        var prefixes = ClusteringPrefix.Count == 0 ? [Array.Empty<byte[]>()] : ClusteringPrefixes(options, state);
        var comparator = Table.Comparator;
        if (prefixes.Count > 1) prefixes.Sort(comparator.ComparePrefixes);
        var slices = new List<Slice>(prefixes.Count);
        foreach (var prefix in prefixes)
        {
            if (ClusteringSliceRestriction is null)
            {
                slices.Add(prefix.Length == 0 ? Slice.All : Slice.ForPrefix(prefix));
                continue;
            }
            slices.AddRange(ClusteringSliceRestriction.ToSlices(prefix, comparator, options, state));
        }
        return slices;
    }

    /// <summary>The token range, or null when no token() relation was given.</summary>
    public (PartitionPosition? Start, PartitionPosition? End) TokenRange(QueryOptions options, QueryState state)
    {
        PartitionPosition? start = null, end = null;
        if (TokenStart is not null)
            start = PartitionPosition.AtToken(TokenOf(TokenStart, options, state), TokenStart.Inclusive);
        if (TokenEnd is not null)
            end = PartitionPosition.AtToken(TokenOf(TokenEnd, options, state), TokenEnd.Inclusive);
        return (start, end);
    }

    private static Token TokenOf(SliceBound bound, QueryOptions options, QueryState state)
    {
        var value = bound.Terms[0].Bind(options, state);
        if (value is null) throw new InvalidRequestException("Invalid null token value");
        if (QueryOptions.IsUnset(value)) throw new InvalidRequestException("Invalid unset value for token");
        return new Token(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(value));
    }

    private static List<byte[][]> Cartesian(List<List<byte[]>> components)
    {
        var result = new List<byte[][]> { Array.Empty<byte[]>() };
        foreach (var values in components)
        {
            var next = new List<byte[][]>(result.Count * values.Count);
            foreach (var prefix in result)
                foreach (var v in values)
                    next.Add([.. prefix, v]);
            result = next;
        }
        return result;
    }

    private static List<byte[][]> Cartesian(List<List<byte[][]>> parts, bool flatten)
    {
        _ = flatten;
        var result = new List<byte[][]> { Array.Empty<byte[]>() };
        foreach (var tuples in parts)
        {
            var next = new List<byte[][]>(result.Count * tuples.Count);
            foreach (var prefix in result)
                foreach (var t in tuples)
                    next.Add([.. prefix, .. t]);
            result = next;
        }
        return result;
    }
}

/// <summary>EQ or IN on one clustering column, or on several at once with a multi-column relation.</summary>
internal sealed class ClusteringPart(int columnCount, Func<QueryOptions, QueryState, List<byte[][]>> tuples)
{
    public int ColumnCount { get; } = columnCount;

    public List<byte[][]> Tuples(QueryOptions options, QueryState state) => tuples(options, state);
}

/// <summary>A slice on the clustering columns after the EQ/IN prefix (one column, or a multi-column tuple).</summary>
internal sealed class ClusteringSlice(int firstColumn, SliceBound? lower, SliceBound? upper, string columnName)
{
    public int FirstColumn { get; } = firstColumn;
    public SliceBound? Lower { get; set; } = lower;
    public SliceBound? Upper { get; set; } = upper;
    public string ColumnName { get; } = columnName;

    /// <summary>The column of each tuple element of a multi-column slice, for error messages.</summary>
    public IReadOnlyList<string>? ElementNames { get; init; }

    /// <summary>
    /// Builds the slices below a prefix. Lower/upper are in the type's natural order; a DESC column reverses
    /// them into clustering order, and columns of mixed directions split the slice (see <see cref="MixedOrderSlices"/>).
    /// Returns nothing when the bounds select nothing.
    /// </summary>
    public IEnumerable<Slice> ToSlices(byte[][] prefix, ClusteringComparator comparator, QueryOptions options, QueryState state)
    {
        var lower = Bind(Lower, options, state);
        var upper = Bind(Upper, options, state);
        int columns = Math.Max(lower?.Length ?? 0, upper?.Length ?? 0);
        if (MixedOrderSlices.IsMixed(comparator, FirstColumn, columns))
            return MixedOrderSlices.Build(prefix, FirstColumn, lower, Lower?.Inclusive ?? true, upper, Upper?.Inclusive ?? true, comparator);
        return ToSlice(prefix, lower, upper, comparator) is { } slice ? [slice] : [];
    }

    private Slice? ToSlice(byte[][] prefix, byte[][]? lower, byte[][]? upper, ClusteringComparator comparator)
    {
        bool reversed = comparator.IsReversed(FirstColumn);
        var (start, startInclusive, end, endInclusive) = reversed
            ? (upper, Upper?.Inclusive ?? true, lower, Lower?.Inclusive ?? true)
            : (lower, Lower?.Inclusive ?? true, upper, Upper?.Inclusive ?? true);
        var startBound = new ClusteringBound([.. prefix, .. start ?? []], startInclusive);
        var endBound = new ClusteringBound([.. prefix, .. end ?? []], endInclusive);
        if (startBound.Prefix.Length > 0 && endBound.Prefix.Length > 0 && start is not null && end is not null)
        {
            int c = comparator.ComparePrefixes(startBound.Prefix, endBound.Prefix);
            if (c > 0 || (c == 0 && startBound.Prefix.Length == endBound.Prefix.Length && !(startInclusive && endInclusive)))
                return null;
        }
        return new Slice(startBound, endBound);
    }

    private byte[][]? Bind(SliceBound? bound, QueryOptions options, QueryState state)
    {
        if (bound is null) return null;
        var values = new byte[bound.Terms.Count][];
        for (int i = 0; i < values.Length; i++)
        {
            var v = bound.Terms[i].Bind(options, state);
            string name = ElementNames is { } names && i < names.Count ? names[i] : ColumnName;
            if (v is null) throw new InvalidRequestException($"Invalid null value in condition for column {name}");
            if (QueryOptions.IsUnset(v)) throw new InvalidRequestException($"Invalid unset value for column {name}");
            values[i] = v;
        }
        return values;
    }
}
