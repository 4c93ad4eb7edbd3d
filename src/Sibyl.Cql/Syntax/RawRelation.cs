namespace Sibyl.Cql.Syntax;

// The closed family of WHERE-clause relations lives in one file.

/// <summary>Operators of relations and conditions (Cassandra's Operator).</summary>
public enum RelationOperator
{
    Eq,
    Lt,
    Lte,
    Gt,
    Gte,
    Neq,
    In,
    NotIn,
    Contains,
    ContainsKey,
    NotContains,
    NotContainsKey,
    Like,
    IsNot,
    Between,
}

public static class RelationOperatorExtensions
{
    public static string ToCql(this RelationOperator op) => op switch
    {
        RelationOperator.Eq => "=",
        RelationOperator.Lt => "<",
        RelationOperator.Lte => "<=",
        RelationOperator.Gt => ">",
        RelationOperator.Gte => ">=",
        RelationOperator.Neq => "!=",
        RelationOperator.In => "IN",
        RelationOperator.NotIn => "NOT IN",
        RelationOperator.Contains => "CONTAINS",
        RelationOperator.ContainsKey => "CONTAINS KEY",
        RelationOperator.NotContains => "NOT CONTAINS",
        RelationOperator.NotContainsKey => "NOT CONTAINS KEY",
        RelationOperator.Like => "LIKE",
        RelationOperator.IsNot => "IS NOT",
        RelationOperator.Between => "BETWEEN",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Prints <c>op value</c>; BETWEEN's two bounds are joined by AND.</summary>
    internal static string PrintRight(RelationOperator op, RawTerm value)
    {
        if (op == RelationOperator.Between && value is RawTermList { Elements.Count: 2 } bounds)
            return "BETWEEN " + bounds.Elements[0].ToCql() + " AND " + bounds.Elements[1].ToCql();
        return op.ToCql() + " " + value.ToCql();
    }
}

/// <summary>One relation of a WHERE clause.</summary>
public abstract record RawRelation
{
    public abstract string ToCql();

    public sealed override string ToString() => ToCql();
}

/// <summary>
/// <c>col op value</c>. For IN the value is a <see cref="RawTermList"/> or a bind marker; for BETWEEN a two-element
/// <see cref="RawTermList"/>; for IS NOT NULL the value is <see cref="RawNull"/>.
/// </summary>
public sealed record SingleColumnRelation(string Column, RelationOperator Operator, RawTerm Value) : RawRelation
{
    public override string ToCql() => CqlNames.MaybeQuote(Column) + " " + RelationOperatorExtensions.PrintRight(Operator, Value);
}

/// <summary><c>col[key] op value</c>: filtering on a map element.</summary>
public sealed record MapElementRelation(string Column, RawTerm Key, RelationOperator Operator, RawTerm Value) : RawRelation
{
    public override string ToCql() => CqlNames.MaybeQuote(Column) + "[" + Key.ToCql() + "] " + Operator.ToCql() + " " + Value.ToCql();
}

/// <summary><c>token(a, b) op value</c>.</summary>
public sealed record TokenRelation(ValueList<string> Columns, RelationOperator Operator, RawTerm Value) : RawRelation
{
    public override string ToCql() => "token(" + CqlNames.Join(Columns, CqlNames.MaybeQuote) + ") " + RelationOperatorExtensions.PrintRight(Operator, Value);
}

/// <summary>
/// <c>(a, b) op value</c>: the value is a tuple literal or marker; for IN a <see cref="RawTermList"/> of tuples or
/// markers, or a single marker.
/// </summary>
public sealed record MultiColumnRelation(ValueList<string> Columns, RelationOperator Operator, RawTerm Value) : RawRelation
{
    public override string ToCql() => "(" + CqlNames.Join(Columns, CqlNames.MaybeQuote) + ") " + RelationOperatorExtensions.PrintRight(Operator, Value);
}

/// <summary><c>expr(index_name, value)</c>: a custom index expression.</summary>
public sealed record CustomIndexExpression(QualifiedName Index, RawTerm Value) : RawRelation
{
    public override string ToCql() => "expr(" + Index.ToCql() + ", " + Value.ToCql() + ")";
}
