using Sibyl.Common;
using Sibyl.Cql.Results;

namespace Sibyl.Cql.Statements;

/// <summary>
/// A prepared statement: immutable, cached by its id, executed many times with different bound values.
/// </summary>
public abstract class CqlStatement
{
    /// <summary>The receivers of the bind markers, in marker order (PREPARED bind metadata).</summary>
    public IReadOnlyList<ColumnSpecification> BindVariables { get; internal set; } = [];

    /// <summary>Names of named markers (null for positional ones), to resolve named values.</summary>
    public IReadOnlyList<string?> BindMarkerNames { get; internal set; } = [];

    /// <summary>The columns a Rows result will have, or null when the statement returns no rows.</summary>
    public virtual IReadOnlyList<ColumnSpecification>? ResultColumns => null;

    /// <summary>For each partition key column, the index of the bind marker giving it (drivers route by it).</summary>
    public virtual IReadOnlyList<short>? PartitionKeyBindIndexes => null;

    /// <summary>The keyspace and table a statement is on, for metadata; null for statements on no table.</summary>
    public virtual (string Keyspace, string Table)? Target => null;

    public abstract ValueTask<CqlResult> ExecuteAsync(IQueryContext context, QueryState state, QueryOptions options, CancellationToken cancellationToken);
}
