namespace Sibyl.Cql.Syntax;

/// <summary>An optionally keyspace-qualified name (table, view, index, type, function).</summary>
public sealed record QualifiedName(string? Keyspace, string Name)
{
    public string ToCql() => Keyspace is null ? CqlNames.MaybeQuote(Name) : CqlNames.MaybeQuote(Keyspace) + "." + CqlNames.MaybeQuote(Name);

    public override string ToString() => ToCql();
}
