using Sibyl.Common.Errors;
using Sibyl.Cql.Selection;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements;

/// <summary>
/// One IF condition of a lightweight transaction (<c>IF v = 3</c>, <c>IF v IN (1, 2)</c>, <c>IF v &gt; ?</c>),
/// evaluated against the row as Paxos read it. Cassandra's ColumnCondition for simple columns.
/// </summary>
public sealed class ColumnCondition(ColumnMetadata column, RelationOperator op, Term? value, IReadOnlyList<Term>? inTerms)
{
    public ColumnMetadata Column { get; } = column;

    /// <summary>Whether the condition holds for the current value (null when the column or row is absent).</summary>
    public bool AppliesTo(in RowView row, QueryOptions options, QueryState state)
    {
        var current = row.Row is null && !Column.IsStatic ? null : row.Value(Column);
        var type = Column.Type;
        if (op == RelationOperator.In)
        {
            // IN (a, b, null) matches an absent value through its null, unlike IN in a WHERE clause.
            foreach (var candidate in InCandidates(options, state))
            {
                if (QueryOptions.IsUnset(candidate)) continue;
                if (candidate is null ? current is null : current is not null && type.Compare(current, candidate) == 0) return true;
            }
            return false;
        }
        var expected = value!.Bind(options, state);
        if (QueryOptions.IsUnset(expected))
            throw new InvalidRequestException($"Invalid 'unset' value in condition");
        switch (op)
        {
            case RelationOperator.Eq:
                return expected is null ? current is null : current is not null && type.Compare(current, expected) == 0;
            case RelationOperator.Neq:
                return expected is null ? current is not null : current is null || type.Compare(current, expected) != 0;
        }
        if (expected is null)
            throw new InvalidRequestException($"Invalid comparison with null for operator \"{op.ToCql()}\"");
        if (current is null) return false;
        int c = type.Compare(current, expected);
        return op switch
        {
            RelationOperator.Lt => c < 0,
            RelationOperator.Lte => c <= 0,
            RelationOperator.Gt => c > 0,
            RelationOperator.Gte => c >= 0,
            _ => throw new InvalidRequestException($"Unsupported operator {op.ToCql()} in a condition"),
        };
    }

    /// <summary>The values of IN: each listed term, or the elements of one bound list (<c>IN ?</c>).</summary>
    private IEnumerable<byte[]?> InCandidates(QueryOptions options, QueryState state)
    {
        if (inTerms is [BindMarkerTerm { Receiver.Type: Data.Types.ListType } marker])
        {
            var list = marker.Bind(options, state);
            if (list is null || QueryOptions.IsUnset(list)) yield break;
            foreach (var element in Data.Types.CollectionSerializer.ReadElements(list)) yield return element;
            yield break;
        }
        foreach (var term in inTerms!) yield return term.Bind(options, state);
    }
}
