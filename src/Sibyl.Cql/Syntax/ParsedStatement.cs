namespace Sibyl.Cql.Syntax;

/// <summary>
/// The result of parsing one statement: the Raw AST and its bind variables in order of appearance.
/// BindVariables[i] is the name of the marker with Index i (<c>:name</c>), or null for <c>?</c>.
/// </summary>
public sealed record ParsedStatement(RawStatement Statement, ValueList<string?> BindVariables)
{
    public int BindMarkerCount => BindVariables.Count;
}
