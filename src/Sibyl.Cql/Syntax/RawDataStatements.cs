using System.Text;

namespace Sibyl.Cql.Syntax;

// Parsed data-manipulation statements (Cassandra's SelectStatement.RawStatement, ModificationStatement.Parsed ...).

/// <summary>Any parsed CQL statement.</summary>
public abstract record RawStatement;

/// <summary>Statements allowed inside a BATCH.</summary>
public abstract record RawModificationStatement(QualifiedName Table, RawAttributes Attributes) : RawStatement
{
    /// <summary>The statement printed back as canonical CQL.</summary>
    public abstract string ToCql();

    private protected static string Suffix(RawAttributes attributes) => attributes.IsEmpty ? "" : " " + attributes.ToCql();

    private protected static string IfClause(ValueList<RawColumnCondition> conditions, bool ifExists) =>
        ifExists ? " IF EXISTS" : conditions.Count > 0 ? " IF " + CqlNames.Join(conditions, c => c.ToCql(), " AND ") : "";
}

public sealed record RawSelectStatement(
    QualifiedName Table,
    bool IsJson,
    bool IsDistinct,
    ValueList<RawSelector> Selectors,
    ValueList<RawRelation> Where,
    ValueList<RawSelectable> GroupBy,
    ValueList<RawOrdering> OrderBy,
    RawTerm? PerPartitionLimit,
    RawTerm? Limit,
    bool AllowFiltering) : RawStatement
{
    /// <summary>True for <c>SELECT *</c> (no explicit selectors).</summary>
    public bool IsWildcard => Selectors.Count == 0;

    /// <summary>The statement printed back as canonical CQL.</summary>
    public string ToCql()
    {
        var sb = new StringBuilder("SELECT ");
        if (IsJson)
            sb.Append("JSON ");
        if (IsDistinct)
            sb.Append("DISTINCT ");
        sb.Append(IsWildcard ? "*" : CqlNames.Join(Selectors, s => s.ToCql()));
        sb.Append(" FROM ").Append(Table.ToCql());
        if (Where.Count > 0)
            sb.Append(" WHERE ").Append(CqlNames.Join(Where, r => r.ToCql(), " AND "));
        if (GroupBy.Count > 0)
            sb.Append(" GROUP BY ").Append(CqlNames.Join(GroupBy, g => g.ToCql()));
        if (OrderBy.Count > 0)
            sb.Append(" ORDER BY ").Append(CqlNames.Join(OrderBy, o => o.ToCql()));
        if (PerPartitionLimit is not null)
            sb.Append(" PER PARTITION LIMIT ").Append(PerPartitionLimit.ToCql());
        if (Limit is not null)
            sb.Append(" LIMIT ").Append(Limit.ToCql());
        if (AllowFiltering)
            sb.Append(" ALLOW FILTERING");
        return sb.ToString();
    }
}

public sealed record RawInsertStatement(
    QualifiedName Table,
    ValueList<string> Columns,
    ValueList<RawTerm> Values,
    bool IfNotExists,
    RawAttributes Attributes) : RawModificationStatement(Table, Attributes)
{
    public override string ToCql() =>
        "INSERT INTO " + Table.ToCql() + " (" + CqlNames.Join(Columns, CqlNames.MaybeQuote) + ") VALUES (" + CqlNames.Join(Values, v => v.ToCql()) + ")"
        + (IfNotExists ? " IF NOT EXISTS" : "") + Suffix(Attributes);
}

public enum JsonDefault
{
    Null,
    Unset,
}

/// <summary><c>INSERT INTO t JSON '...'</c>; Json is a string literal or a bind marker.</summary>
public sealed record RawInsertJsonStatement(
    QualifiedName Table,
    RawTerm Json,
    JsonDefault Default,
    bool IfNotExists,
    RawAttributes Attributes) : RawModificationStatement(Table, Attributes)
{
    public override string ToCql() =>
        "INSERT INTO " + Table.ToCql() + " JSON " + Json.ToCql() + (Default == JsonDefault.Unset ? " DEFAULT UNSET" : "")
        + (IfNotExists ? " IF NOT EXISTS" : "") + Suffix(Attributes);
}

public sealed record RawUpdateStatement(
    QualifiedName Table,
    RawAttributes Attributes,
    ValueList<RawUpdateOperation> Operations,
    ValueList<RawRelation> Where,
    ValueList<RawColumnCondition> Conditions,
    bool IfExists) : RawModificationStatement(Table, Attributes)
{
    public override string ToCql() =>
        "UPDATE " + Table.ToCql() + Suffix(Attributes) + " SET " + CqlNames.Join(Operations, o => o.ToCql())
        + " WHERE " + CqlNames.Join(Where, r => r.ToCql(), " AND ") + IfClause(Conditions, IfExists);
}

public sealed record RawDeleteStatement(
    QualifiedName Table,
    ValueList<RawDeletion> Deletions,
    RawAttributes Attributes,
    ValueList<RawRelation> Where,
    ValueList<RawColumnCondition> Conditions,
    bool IfExists) : RawModificationStatement(Table, Attributes)
{
    public override string ToCql() =>
        "DELETE " + (Deletions.Count > 0 ? CqlNames.Join(Deletions, d => d.ToCql()) + " " : "") + "FROM " + Table.ToCql() + Suffix(Attributes)
        + " WHERE " + CqlNames.Join(Where, r => r.ToCql(), " AND ") + IfClause(Conditions, IfExists);
}

public enum BatchType
{
    Logged,
    Unlogged,
    Counter,
}

public sealed record RawBatchStatement(BatchType Type, RawAttributes Attributes, ValueList<RawModificationStatement> Statements) : RawStatement
{
    public string ToCql()
    {
        var sb = new StringBuilder("BEGIN ");
        if (Type != BatchType.Logged)
            sb.Append(Type == BatchType.Unlogged ? "UNLOGGED " : "COUNTER ");
        sb.Append("BATCH");
        if (!Attributes.IsEmpty)
            sb.Append(' ').Append(Attributes.ToCql());
        foreach (var statement in Statements)
            sb.Append(' ').Append(statement.ToCql()).Append(';');
        return sb.Append(" APPLY BATCH").ToString();
    }
}

public sealed record RawUseStatement(string Keyspace) : RawStatement;

public sealed record RawTruncateStatement(QualifiedName Table) : RawStatement;

public enum DescribeKind
{
    Cluster,
    Schema,
    Keyspaces,
    Keyspace,
    Tables,
    Table,
    Index,
    MaterializedView,
    Types,
    Type,
    Functions,
    Function,
    Aggregates,
    Aggregate,

    /// <summary><c>DESCRIBE name</c> / <c>DESCRIBE ks.name</c>: whatever element has that name.</summary>
    Generic,
}

/// <summary>DESCRIBE/DESC. Name is null for the plural forms and for <c>DESCRIBE KEYSPACE</c> without a name.</summary>
public sealed record RawDescribeStatement(DescribeKind Kind, QualifiedName? Name, bool FullSchema, bool Only, bool WithInternals) : RawStatement;
