namespace Sibyl.Cql.Syntax;

// Small building blocks of INSERT/UPDATE/DELETE: attributes, SET operations, deletions, IF conditions.

/// <summary><c>USING TIMESTAMP t AND TTL n</c>; each is an integer literal or a bind marker.</summary>
public sealed record RawAttributes(RawTerm? Timestamp, RawTerm? TimeToLive)
{
    public static readonly RawAttributes None = new(null, null);

    public bool IsEmpty => Timestamp is null && TimeToLive is null;

    public string ToCql()
    {
        if (IsEmpty)
            return "";
        var parts = new List<string>(2);
        if (TimeToLive is not null)
            parts.Add("TTL " + TimeToLive.ToCql());
        if (Timestamp is not null)
            parts.Add("TIMESTAMP " + Timestamp.ToCql());
        return "USING " + string.Join(" AND ", parts);
    }

    public override string ToString() => ToCql();
}

public enum UpdateOperationKind
{
    /// <summary><c>c = t</c></summary>
    SetValue,

    /// <summary><c>c[k] = t</c></summary>
    SetElement,

    /// <summary><c>c.f = t</c></summary>
    SetField,

    /// <summary><c>c = c + t</c> or <c>c += t</c> (also <c>c = c -3</c>, lexed as an addition of -3, as Cassandra does).</summary>
    Addition,

    /// <summary><c>c = c - t</c> or <c>c -= t</c></summary>
    Subtraction,

    /// <summary><c>c = t + c</c></summary>
    Prepend,
}

/// <summary>One assignment of UPDATE's SET clause.</summary>
public sealed record RawUpdateOperation(string Column, UpdateOperationKind Kind, RawTerm Value, RawTerm? Element = null, string? Field = null)
{
    public string ToCql()
    {
        var c = CqlNames.MaybeQuote(Column);
        return Kind switch
        {
            UpdateOperationKind.SetValue => c + " = " + Value.ToCql(),
            UpdateOperationKind.SetElement => c + "[" + Element!.ToCql() + "] = " + Value.ToCql(),
            UpdateOperationKind.SetField => c + "." + CqlNames.MaybeQuote(Field!) + " = " + Value.ToCql(),
            UpdateOperationKind.Addition => c + " = " + c + " + " + Value.ToCql(),
            UpdateOperationKind.Subtraction => c + " = " + c + " - " + Value.ToCql(),
            _ => c + " = " + Value.ToCql() + " + " + c,
        };
    }

    public override string ToString() => ToCql();
}

/// <summary>One target of DELETE: a column, <c>c[k]</c> or <c>c.f</c>.</summary>
public sealed record RawDeletion(string Column, RawTerm? Element = null, string? Field = null)
{
    public string ToCql() =>
        CqlNames.MaybeQuote(Column) + (Element is not null ? "[" + Element.ToCql() + "]" : "") + (Field is not null ? "." + CqlNames.MaybeQuote(Field) : "");

    public override string ToString() => ToCql();
}

/// <summary>One IF condition: <c>c op v</c>, <c>c[k] op v</c> or <c>c.f op v</c>; IN values as in relations.</summary>
public sealed record RawColumnCondition(string Column, RelationOperator Operator, RawTerm Value, RawTerm? Element = null, string? Field = null)
{
    public string ToCql() =>
        CqlNames.MaybeQuote(Column) + (Element is not null ? "[" + Element.ToCql() + "]" : "") + (Field is not null ? "." + CqlNames.MaybeQuote(Field) : "")
        + " " + RelationOperatorExtensions.PrintRight(Operator, Value);

    public override string ToString() => ToCql();
}

/// <summary>Ordering of a SELECT: a column ascending or descending, or <c>ORDER BY c ANN OF v</c>.</summary>
public sealed record RawOrdering(string Column, bool Descending, RawTerm? AnnOf = null)
{
    public string ToCql() => CqlNames.MaybeQuote(Column) + (AnnOf is not null ? " ANN OF " + AnnOf.ToCql() : "") + (Descending ? " DESC" : " ASC");

    public override string ToString() => ToCql();
}

/// <summary>A DDL property <c>name = constant</c> or <c>name = {map}</c>; Value is a <see cref="RawLiteral"/> or <see cref="RawMapLiteral"/> of literals.</summary>
public sealed record RawProperty(string Name, RawTerm Value)
{
    public string ToCql() => CqlNames.MaybeQuote(Name) + " = " + Value.ToCql();

    public override string ToString() => ToCql();
}
