namespace Sibyl.Cql.Syntax;

// The closed family of parsed selection expressions (Cassandra's Selectable.Raw) lives in one file.

/// <summary>One expression of a SELECT clause (or GROUP BY), before resolution against the table.</summary>
public abstract record RawSelectable
{
    public abstract string ToCql();

    public sealed override string ToString() => ToCql();
}

/// <summary>A selector with its optional <c>AS</c> alias.</summary>
public sealed record RawSelector(RawSelectable Selectable, string? Alias)
{
    public string ToCql() => Alias is null ? Selectable.ToCql() : Selectable.ToCql() + " AS " + CqlNames.MaybeQuote(Alias);

    public override string ToString() => ToCql();
}

public sealed record ColumnSelectable(string Column) : RawSelectable
{
    public override string ToCql() => CqlNames.MaybeQuote(Column);
}

/// <summary>A literal, null or bind marker in a selection.</summary>
public sealed record TermSelectable(RawTerm Term) : RawSelectable
{
    public override string ToCql() => Term.ToCql();
}

public sealed record FunctionSelectable(FunctionName Name, ValueList<RawSelectable> Arguments) : RawSelectable
{
    public override string ToCql() => RawFunctionCall.PrintName(Name) + "(" + CqlNames.Join(Arguments, a => a.ToCql()) + ")";
}

/// <summary><c>count(*)</c>.</summary>
public sealed record CountRowsSelectable : RawSelectable
{
    public static readonly CountRowsSelectable Instance = new();

    public override string ToCql() => "count(*)";
}

public enum WritetimeOrTtlKind
{
    Writetime,
    MaxWritetime,
    Ttl,
}

/// <summary><c>writetime(c)</c>, <c>maxwritetime(c)</c>, <c>ttl(c)</c>; Column may carry field/element modifiers.</summary>
public sealed record WritetimeOrTtlSelectable(WritetimeOrTtlKind Kind, RawSelectable Column) : RawSelectable
{
    public override string ToCql()
    {
        var name = Kind switch
        {
            WritetimeOrTtlKind.Writetime => "writetime",
            WritetimeOrTtlKind.MaxWritetime => "maxwritetime",
            _ => "ttl",
        };
        return name + "(" + Column.ToCql() + ")";
    }
}

public sealed record CastSelectable(RawSelectable Argument, RawType Type) : RawSelectable
{
    public override string ToCql() => "CAST(" + Argument.ToCql() + " AS " + Type.ToCql() + ")";
}

/// <summary>UDT field selection <c>a.b</c>.</summary>
public sealed record FieldSelectable(RawSelectable Receiver, string Field) : RawSelectable
{
    public override string ToCql() => Receiver.ToCql() + "." + CqlNames.MaybeQuote(Field);
}

/// <summary>Collection element selection <c>m['k']</c>.</summary>
public sealed record ElementSelectable(RawSelectable Receiver, RawTerm Element) : RawSelectable
{
    public override string ToCql() => Receiver.ToCql() + "[" + Element.ToCql() + "]";
}

/// <summary>Collection slice selection <c>s[1..3]</c>, either bound may be open.</summary>
public sealed record SliceSelectable(RawSelectable Receiver, RawTerm? From, RawTerm? To) : RawSelectable
{
    public override string ToCql() => Receiver.ToCql() + "[" + From?.ToCql() + ".." + To?.ToCql() + "]";
}

public sealed record ArithmeticSelectable(char Operator, RawSelectable Left, RawSelectable Right) : RawSelectable
{
    public override string ToCql()
    {
        var p = RawArithmetic.Precedence(Operator);
        var left = Left is ArithmeticSelectable l && RawArithmetic.Precedence(l.Operator) < p ? "(" + Left.ToCql() + ")" : Left.ToCql();
        var right = Right is ArithmeticSelectable r && RawArithmetic.Precedence(r.Operator) <= p ? "(" + Right.ToCql() + ")" : Right.ToCql();
        return left + " " + Operator + " " + right;
    }
}

public sealed record NegationSelectable(RawSelectable Operand) : RawSelectable
{
    public override string ToCql() => "-" + Operand.ToCql();
}

/// <summary>A type hint <c>(int) x</c>.</summary>
public sealed record TypeHintSelectable(RawType Type, RawSelectable Selectable) : RawSelectable
{
    public override string ToCql() => "(" + Type.ToCql() + ") " + Selectable.ToCql();
}

public sealed record ListSelectable(ValueList<RawSelectable> Elements) : RawSelectable
{
    public override string ToCql() => "[" + CqlNames.Join(Elements, e => e.ToCql()) + "]";
}

public sealed record SetSelectable(ValueList<RawSelectable> Elements) : RawSelectable
{
    public override string ToCql() => "{" + CqlNames.Join(Elements, e => e.ToCql()) + "}";
}

public sealed record SelectableEntry(RawSelectable Key, RawSelectable Value);

/// <summary><c>{k: v, ...}</c>: a map or a UDT, decided at preparation like Cassandra's WithMapOrUdt.</summary>
public sealed record MapOrUdtSelectable(ValueList<SelectableEntry> Entries) : RawSelectable
{
    public override string ToCql() => "{" + CqlNames.Join(Entries, e => e.Key.ToCql() + ": " + e.Value.ToCql()) + "}";
}

/// <summary><c>(a, b)</c> a tuple, or <c>(a)</c> a parenthesised selector when it has one element.</summary>
public sealed record TupleOrNestedSelectable(ValueList<RawSelectable> Elements) : RawSelectable
{
    public override string ToCql() => "(" + CqlNames.Join(Elements, e => e.ToCql()) + ")";
}
