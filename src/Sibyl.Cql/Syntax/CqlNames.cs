using System.Text;

namespace Sibyl.Cql.Syntax;

/// <summary>Prints identifiers and string constants back as CQL, quoting only when needed.</summary>
public static class CqlNames
{
    /// <summary>
    /// Returns the identifier as CQL: unchanged when it is a lower-case unquoted name that is not a reserved
    /// keyword, otherwise double-quoted with "" escapes (as Cassandra's ColumnIdentifier.maybeQuote).
    /// </summary>
    public static string MaybeQuote(string name)
    {
        if (IsUnquotedSafe(name))
            return name;
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static bool IsUnquotedSafe(string name)
    {
        if (name.Length == 0 || !char.IsAsciiLetterLower(name[0]))
            return false;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
                return false;
        }
        return !CqlKeywords.IsReserved(name) && name is not ("true" or "false");
    }

    /// <summary>Single-quotes a string constant with '' escapes.</summary>
    public static string QuoteString(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static void AppendJoined<T>(StringBuilder sb, IEnumerable<T> items, Func<T, string> print, string separator = ", ")
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first)
                sb.Append(separator);
            sb.Append(print(item));
            first = false;
        }
    }

    internal static string Join<T>(IEnumerable<T> items, Func<T, string> print, string separator = ", ")
    {
        var sb = new StringBuilder();
        AppendJoined(sb, items, print, separator);
        return sb.ToString();
    }
}
