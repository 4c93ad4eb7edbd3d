namespace Sibyl.Schema;

/// <summary>CQL identifier quoting: names that are not lower-case unquoted identifiers get double quotes.</summary>
public static class Identifiers
{
    public static string Quote(string name)
    {
        bool plain = name.Length > 0 && char.IsAsciiLetterLower(name[0]);
        foreach (char ch in name)
            plain &= char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_';
        return plain ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
