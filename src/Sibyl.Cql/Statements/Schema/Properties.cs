using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>WITH clauses turned into option values; a property given twice is refused as Cassandra does.</summary>
internal static class Properties
{
    public static Dictionary<string, OptionValue> Of(IReadOnlyList<RawProperty> properties)
    {
        var result = new Dictionary<string, OptionValue>(StringComparer.Ordinal);
        foreach (var p in properties)
        {
            string name = p.Name.ToLowerInvariant();
            if (result.ContainsKey(name))
                throw new SyntaxException($"Multiple definitions for property '{name}'");
            result[name] = p.Value switch
            {
                RawLiteral lit => OptionValue.Of(lit.Text),
                RawMapLiteral map => OptionValue.Of(map.Entries.ToDictionary(e => Text(e.Key), e => Text(e.Value), StringComparer.Ordinal)),
                RawSetLiteral { Elements.Count: 0 } => OptionValue.Of(new Dictionary<string, string>()),
                _ => throw new SyntaxException($"Invalid value for property '{name}'"),
            };
        }
        return result;
    }

    private static string Text(RawTerm term) => term switch
    {
        RawLiteral lit => lit.Text,
        RawNegation { Operand: RawLiteral lit } => "-" + lit.Text,
        _ => throw new SyntaxException($"Invalid map literal value {term.ToCql()}: only constants are allowed"),
    };
}
