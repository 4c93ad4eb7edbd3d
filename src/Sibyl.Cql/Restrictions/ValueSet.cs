using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Restrictions;

/// <summary>The values an EQ or IN relation gives a column (or a tuple of columns), resolved at execution.</summary>
public abstract class ValueSet
{
    public abstract List<byte[]> Values(QueryOptions options, QueryState state, string column);

    internal static byte[] Checked(byte[]? value, string column)
    {
        if (value is null) throw new InvalidRequestException($"Invalid null value in condition for column {column}");
        if (QueryOptions.IsUnset(value)) throw new InvalidRequestException($"Invalid unset value for column {column}");
        return value;
    }
}

/// <summary><c>c = v</c>.</summary>
public sealed class EqValue(Term term) : ValueSet
{
    public Term Term { get; } = term;

    public override List<byte[]> Values(QueryOptions options, QueryState state, string column) =>
        [Checked(Term.Bind(options, state), column)];
}

/// <summary><c>c IN (a, b)</c>: values sorted and de-duplicated by the column's type, as Cassandra returns them.</summary>
public sealed class InValues(IReadOnlyList<Term> terms, CqlType type) : ValueSet
{
    public override List<byte[]> Values(QueryOptions options, QueryState state, string column)
    {
        var values = new List<byte[]>(terms.Count);
        foreach (var t in terms)
        {
            var v = t.Bind(options, state);
            if (v is null) continue; // Cassandra ignores null elements of IN lists
            values.Add(Checked(v, column));
        }
        return SortedDistinct(values, type);
    }

    internal static List<byte[]> SortedDistinct(List<byte[]> values, CqlType type)
    {
        values.Sort((a, b) => type.Compare(a, b));
        var result = new List<byte[]>(values.Count);
        foreach (var v in values)
            if (result.Count == 0 || type.Compare(result[^1], v) != 0) result.Add(v);
        return result;
    }
}

/// <summary><c>c IN ?</c>: one marker bound to a list of values.</summary>
public sealed class InMarker(Term listTerm, CqlType elementType) : ValueSet
{
    public override List<byte[]> Values(QueryOptions options, QueryState state, string column)
    {
        var list = Checked(listTerm.Bind(options, state), column);
        var values = CollectionSerializer.ReadElements(list);
        return InValues.SortedDistinct(values, elementType);
    }
}
