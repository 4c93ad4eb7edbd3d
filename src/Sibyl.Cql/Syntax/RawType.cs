namespace Sibyl.Cql.Syntax;

// The closed family of parsed CQL types lives in one file: each member is a one-line record.

/// <summary>A CQL type as written, before it is resolved against the schema.</summary>
public abstract record RawType
{
    /// <summary>The type printed back as CQL, e.g. <c>frozen&lt;map&lt;text, int&gt;&gt;</c>.</summary>
    public abstract string ToCql();

    public sealed override string ToString() => ToCql();
}

/// <summary>A native type, named in lower case (<c>int</c>, <c>text</c>, <c>varchar</c> ...).</summary>
public sealed record RawNativeType(string Name) : RawType
{
    public override string ToCql() => Name;
}

public sealed record RawListType(RawType Element) : RawType
{
    public override string ToCql() => "list<" + Element.ToCql() + ">";
}

public sealed record RawSetType(RawType Element) : RawType
{
    public override string ToCql() => "set<" + Element.ToCql() + ">";
}

public sealed record RawMapType(RawType Key, RawType Value) : RawType
{
    public override string ToCql() => "map<" + Key.ToCql() + ", " + Value.ToCql() + ">";
}

public sealed record RawTupleType(ValueList<RawType> Elements) : RawType
{
    public override string ToCql() => "tuple<" + CqlNames.Join(Elements, t => t.ToCql()) + ">";
}

public sealed record RawVectorType(RawType Element, int Dimension) : RawType
{
    public override string ToCql() => "vector<" + Element.ToCql() + ", " + Dimension.ToString(System.Globalization.CultureInfo.InvariantCulture) + ">";
}

/// <summary>A user-defined type, optionally keyspace-qualified.</summary>
public sealed record RawUserType(QualifiedName Name) : RawType
{
    public override string ToCql() => Name.ToCql();
}

public sealed record RawFrozenType(RawType Inner) : RawType
{
    public override string ToCql() => "frozen<" + Inner.ToCql() + ">";
}

/// <summary>A custom type given by its Java class name, <c>'org.apache.cassandra.db.marshal.X'</c>.</summary>
public sealed record RawCustomType(string ClassName) : RawType
{
    public override string ToCql() => CqlNames.QuoteString(ClassName);
}
