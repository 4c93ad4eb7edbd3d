using System.Globalization;
using System.Text;

namespace Sibyl.Data.Types;

/// <summary>Text helpers shared by the types: Java's number formatting, hex, CQL quoting.</summary>
internal static class TypeText
{
    public const string Null = "null";

    /// <summary>Converts a boxed .NET number for Decompose; strings and out-of-range values are refused.</summary>
    public static T Number<T>(object value, string cqlName, Func<object, T> convert)
    {
        if (value is string || value is not IConvertible)
            throw new MarshalException($"Cannot convert {value.GetType().Name} to {cqlName}");
        try
        {
            return convert(value);
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException or FormatException)
        {
            throw new MarshalException($"Cannot convert {value} ({value.GetType().Name}) to {cqlName}", e);
        }
    }

    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static bool TryParseHex(string text, out byte[] bytes)
    {
        bytes = [];
        ReadOnlySpan<char> s = text;
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            s = s[2..];
        if ((s.Length & 1) != 0)
            return false;
        bytes = new byte[s.Length / 2];
        return Convert.FromHexString(s, bytes, out _, out _) == System.Buffers.OperationStatus.Done;
    }

    /// <summary>Java's Float.toString.</summary>
    public static string JavaFloat(float value)
    {
        if (float.IsNaN(value))
            return "NaN";
        if (float.IsInfinity(value))
            return value > 0 ? "Infinity" : "-Infinity";
        return JavaFormat(value.ToString("R", CultureInfo.InvariantCulture), value == 0 && float.IsNegative(value), Math.Abs(value) >= 1e-3f && Math.Abs(value) < 1e7f || value == 0);
    }

    /// <summary>Java's Double.toString.</summary>
    public static string JavaDouble(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "Infinity" : "-Infinity";
        return JavaFormat(value.ToString("R", CultureInfo.InvariantCulture), value == 0 && double.IsNegative(value), Math.Abs(value) >= 1e-3 && Math.Abs(value) < 1e7 || value == 0);
    }

    // Rebuilds the shortest round-trip digits that .NET found in Java's layout: plain "123.45"/"0.001"
    // with at least one fraction digit, or computerized scientific "1.0E10", "1.234E-5".
    private static string JavaFormat(string roundTrip, bool negativeZero, bool plain)
    {
        bool negative = roundTrip.StartsWith('-') || negativeZero;
        string s = roundTrip.TrimStart('-');
        int exp = 0;
        int e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }

        int point = s.IndexOf('.', StringComparison.Ordinal);
        string digits = point >= 0 ? s.Remove(point, 1) : s;
        int intDigits = (point >= 0 ? point : s.Length) + exp;
        // Strip leading zeros (e.g. "0.001") keeping the decimal exponent right.
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
            lead++;
        digits = digits[lead..];
        intDigits -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
            intDigits = 1;
        }

        var sb = new StringBuilder(24);
        if (negative)
            sb.Append('-');
        if (plain)
        {
            if (intDigits <= 0)
            {
                sb.Append("0.").Append('0', -intDigits).Append(digits);
            }
            else if (intDigits >= digits.Length)
            {
                sb.Append(digits).Append('0', intDigits - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, intDigits).Append('.').Append(digits, intDigits, digits.Length - intDigits);
            }
        }
        else
        {
            sb.Append(digits[0]).Append('.');
            sb.Append(digits.Length > 1 ? digits[1..] : "0");
            sb.Append('E').Append((intDigits - 1).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    // Cassandra 4.x/5.0 reserved keywords (src/resources/org/apache/cassandra/cql3/reserved_keywords.txt):
    // an identifier spelled like one must be quoted.
    private static readonly System.Collections.Frozen.FrozenSet<string> ReservedKeywords = System.Collections.Frozen.FrozenSet.ToFrozenSet(
    [
        "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by", "columnfamily", "create",
        "delete", "desc", "describe", "drop", "entries", "execute", "from", "full", "grant", "if", "in", "index",
        "infinity", "insert", "into", "is", "keyspace", "limit", "materialized", "modify", "nan", "norecursive", "not",
        "null", "of", "on", "or", "order", "primary", "rename", "revoke", "schema", "select", "set", "table", "to",
        "token", "truncate", "unlogged", "update", "use", "using", "view", "where", "with",
    ], StringComparer.Ordinal);

    /// <summary>ColumnIdentifier.maybeQuote: unquoted when a plain lower-case identifier that is not a
    /// reserved keyword, else double-quoted.</summary>
    public static string MaybeQuote(string identifier)
    {
        bool plain = identifier.Length > 0 && char.IsAsciiLetterLower(identifier[0]) && !ReservedKeywords.Contains(identifier);
        foreach (char c in identifier)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                plain = false;
                break;
            }
        }

        return plain ? identifier : "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
