namespace Sibyl.Cql.Syntax;

// The closed family of parsed terms (values in statements) lives in one file: each member is a small record.

/// <summary>A value expression as written: literal, bind marker, collection, function call, arithmetic.</summary>
public abstract record RawTerm
{
    /// <summary>The term printed back as CQL.</summary>
    public abstract string ToCql();

    public sealed override string ToString() => ToCql();
}

/// <summary>Kinds of constants, as Cassandra's Constants.Type.</summary>
public enum LiteralKind
{
    String,
    Integer,
    Float,
    Boolean,
    Duration,
    Uuid,
    Hex,

    /// <summary>An unreserved keyword used as a DDL property value (<c>WITH x = keys_only</c>).</summary>
    Keyword,
}

/// <summary>A constant. <see cref="Text"/> is the unescaped string for strings, the literal text otherwise.</summary>
public sealed record RawLiteral(LiteralKind Kind, string Text) : RawTerm
{
    public override string ToCql() => Kind == LiteralKind.String ? CqlNames.QuoteString(Text) : Text;
}

public sealed record RawNull : RawTerm
{
    public static readonly RawNull Instance = new();

    public override string ToCql() => "null";
}

/// <summary>A bind marker: <c>?</c> (Name null) or <c>:name</c>. Index counts markers in order of appearance.</summary>
public sealed record RawBindMarker(int Index, string? Name) : RawTerm
{
    public override string ToCql() => Name is null ? "?" : ":" + CqlNames.MaybeQuote(Name);
}

public sealed record RawListLiteral(ValueList<RawTerm> Elements) : RawTerm
{
    public override string ToCql() => "[" + CqlNames.Join(Elements, e => e.ToCql()) + "]";
}

/// <summary>A set literal; <c>{}</c> also parses as an empty set and is decided by the receiver's type.</summary>
public sealed record RawSetLiteral(ValueList<RawTerm> Elements) : RawTerm
{
    public override string ToCql() => "{" + CqlNames.Join(Elements, e => e.ToCql()) + "}";
}

public sealed record RawMapEntry(RawTerm Key, RawTerm Value);

public sealed record RawMapLiteral(ValueList<RawMapEntry> Entries) : RawTerm
{
    public override string ToCql() => "{" + CqlNames.Join(Entries, e => e.Key.ToCql() + ": " + e.Value.ToCql()) + "}";
}

public sealed record RawFieldValue(string Field, RawTerm Value);

/// <summary>A user type literal <c>{street: 'x', zip: 1}</c>.</summary>
public sealed record RawUserTypeLiteral(ValueList<RawFieldValue> Fields) : RawTerm
{
    public override string ToCql() => "{" + CqlNames.Join(Fields, f => CqlNames.MaybeQuote(f.Field) + ": " + f.Value.ToCql()) + "}";
}

public sealed record RawTupleLiteral(ValueList<RawTerm> Elements) : RawTerm
{
    public override string ToCql() => "(" + CqlNames.Join(Elements, e => e.ToCql()) + ")";
}

/// <summary>A parenthesised list of terms: the right side of IN and BETWEEN (the latter printed with AND).</summary>
public sealed record RawTermList(ValueList<RawTerm> Elements) : RawTerm
{
    public override string ToCql() => "(" + CqlNames.Join(Elements, e => e.ToCql()) + ")";
}

/// <summary>A function name, optionally keyspace-qualified.</summary>
public sealed record FunctionName(string? Keyspace, string Name)
{
    public string ToCql() => Keyspace is null ? CqlNames.MaybeQuote(Name) : CqlNames.MaybeQuote(Keyspace) + "." + CqlNames.MaybeQuote(Name);

    public override string ToString() => ToCql();
}

public sealed record RawFunctionCall(FunctionName Name, ValueList<RawTerm> Arguments) : RawTerm
{
    public override string ToCql() => PrintName(Name) + "(" + CqlNames.Join(Arguments, e => e.ToCql()) + ")";

    // token and count are keywords that the grammar accepts as function names unquoted.
    internal static string PrintName(FunctionName name) =>
        name.Keyspace is null && name.Name is "token" or "count" ? name.Name : name.ToCql();
}

/// <summary>Binary arithmetic <c>+ - * / %</c>.</summary>
public sealed record RawArithmetic(char Operator, RawTerm Left, RawTerm Right) : RawTerm
{
    public override string ToCql()
    {
        var left = Left is RawArithmetic l && Precedence(l.Operator) < Precedence(Operator) ? "(" + Left.ToCql() + ")" : Left.ToCql();
        var right = Right is RawArithmetic r && Precedence(r.Operator) <= Precedence(Operator) ? "(" + Right.ToCql() + ")" : Right.ToCql();
        return left + " " + Operator + " " + right;
    }

    internal static int Precedence(char op) => op is '+' or '-' ? 1 : 2;
}

public sealed record RawNegation(RawTerm Operand) : RawTerm
{
    public override string ToCql() => "-" + (Operand is RawArithmetic ? "(" + Operand.ToCql() + ")" : Operand.ToCql());
}

/// <summary>A type hint <c>(int) ?</c>.</summary>
public sealed record RawTypeHint(RawType Type, RawTerm Term) : RawTerm
{
    public override string ToCql() => "(" + Type.ToCql() + ") " + Term.ToCql();
}

/// <summary><c>CAST(term AS type)</c> in a term position.</summary>
public sealed record RawCast(RawTerm Term, RawType Type) : RawTerm
{
    public override string ToCql() => "CAST(" + Term.ToCql() + " AS " + Type.ToCql() + ")";
}
