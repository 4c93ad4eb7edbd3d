using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Schema;

namespace Sibyl.Cql.Restrictions;

/// <summary>A relation evaluated on each row after it is read (ALLOW FILTERING): Cassandra's RowFilter expression.</summary>
public sealed record FilterExpression(ColumnMetadata Column, RelationOperator Operator, Term Value, IReadOnlyList<Term>? InTerms = null)
{
    /// <summary>The values of an IN (or of an EQ/IN moved from the partition key into filtering).</summary>
    public ValueSet? Set { get; init; }

    /// <summary><c>m[k] = v</c>: <see cref="Value"/> is the entry packed as a one-entry map.</summary>
    public bool IsMapEntry { get; init; }
}
