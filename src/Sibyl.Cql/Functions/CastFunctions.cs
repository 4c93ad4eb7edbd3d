using System.Numerics;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Functions;

/// <summary>
/// The conversions CAST(x AS type) allows (Cassandra's CastFcts): between number types, anything printable to
/// text/ascii, and between the time types. Named castas&lt;type&gt;; result columns are "cast(x as type)".
/// </summary>
public static class CastFunctions
{
    public static string FunctionName(CqlType target) => "castas" + target.CqlName;

    private static readonly CqlType[] Numbers =
        [CqlType.TinyInt, CqlType.SmallInt, CqlType.Int, CqlType.BigInt, CqlType.Float, CqlType.Double, CqlType.Decimal, CqlType.Counter, CqlType.Varint];

    public static IEnumerable<NativeFunction> All()
    {
        foreach (var input in Numbers)
        {
            foreach (var output in Numbers)
            {
                if (output.Kind == CqlTypeKind.Counter || output.Equals(input)) continue;
                var (i, o) = (input, output);
                yield return Cast(input, output, v => ConvertNumber(i, v, o));
            }
            yield return ToText(input, CqlType.Ascii);
            yield return ToText(input, CqlType.Text);
        }
        yield return Cast(CqlType.Ascii, CqlType.Text, v => v);
        foreach (var t in new CqlType[] { CqlType.Inet, CqlType.Boolean, CqlType.Timeuuid, CqlType.Timestamp, CqlType.Date, CqlType.Time, CqlType.Uuid })
        {
            yield return ToText(t, CqlType.Ascii);
            yield return ToText(t, CqlType.Text);
        }
        yield return Cast(CqlType.Timeuuid, CqlType.Date, v => Date(FunctionRegistry.Millis(CqlType.Timeuuid, v)));
        yield return Cast(CqlType.Timeuuid, CqlType.Timestamp, v => CqlType.BigInt.Decompose(FunctionRegistry.Millis(CqlType.Timeuuid, v)));
        yield return Cast(CqlType.Timestamp, CqlType.Date, v => Date(FunctionRegistry.Millis(CqlType.Timestamp, v)));
        yield return Cast(CqlType.Date, CqlType.Timestamp, v => CqlType.BigInt.Decompose(FunctionRegistry.Millis(CqlType.Date, v)));
    }

    private static byte[] Date(long millis) => CqlType.Date.Decompose(CqlDate.FromDaysSinceEpoch((long)Math.Floor(millis / 86_400_000.0)));

    private static NativeFunction Cast(CqlType input, CqlType output, Func<byte[], byte[]?> convert) =>
        new(FunctionName(output), [input], output, (a, _) => a[0]!.Length == 0 ? null : convert(a[0]!),
            columnName: names => $"cast({names[0]} as {output.CqlName})");

    private static NativeFunction ToText(CqlType input, CqlType output) =>
        Cast(input, output, v => System.Text.Encoding.UTF8.GetBytes(PlainString(input, v)));

    /// <summary>The value as Cassandra's serializers print it: a CQL literal without string quotes.</summary>
    public static string PlainString(CqlType type, ReadOnlySpan<byte> value)
    {
        string s = type.ToCqlString(value);
        if (s.Length >= 2 && s[0] == '\'' && s[^1] == '\'') s = s[1..^1].Replace("''", "'", StringComparison.Ordinal);
        return s;
    }

    /// <summary>Java's Number conversions: narrowing wraps, to decimal goes through double, to varint through long.</summary>
    public static byte[] ConvertNumber(CqlType input, byte[] value, CqlType output)
    {
        bool floating = input.Kind is CqlTypeKind.Float or CqlTypeKind.Double or CqlTypeKind.Decimal;
        long AsLong() => floating ? (long)Arithmetic.ToDouble(input, value) : Arithmetic.ToLong(input, value);
        switch (output.Kind)
        {
            case CqlTypeKind.TinyInt: return [(byte)unchecked((sbyte)(floating ? (int)Arithmetic.ToDouble(input, value) : AsLong()))];
            case CqlTypeKind.SmallInt: return CqlType.SmallInt.Decompose(unchecked((short)(floating ? (int)Arithmetic.ToDouble(input, value) : AsLong())));
            case CqlTypeKind.Int: return CqlType.Int.Decompose(floating ? (int)Math.Clamp(Arithmetic.ToDouble(input, value), int.MinValue, int.MaxValue) : unchecked((int)AsLong()));
            case CqlTypeKind.BigInt: return CqlType.BigInt.Decompose(AsLong());
            case CqlTypeKind.Float: return CqlType.Float.Decompose((float)Arithmetic.ToDouble(input, value));
            case CqlTypeKind.Double: return CqlType.Double.Decompose(Arithmetic.ToDouble(input, value));
            case CqlTypeKind.Varint: return CqlType.Varint.Decompose(floating ? Arithmetic.ToBigInteger(input, value) : Arithmetic.ToBigInteger(input, value));
            default:
            {
                if (!floating) return CqlType.Decimal.Decompose(new CqlDecimal(Arithmetic.ToBigInteger(input, value), 0));
                // BigDecimal.valueOf(double): the shortest repr of the double, always with a fraction digit.
                double d = Arithmetic.ToDouble(input, value);
                // A float goes through its own shortest form (5.2f is 5.2, not 5.199999809265137).
                string text = input.Kind == CqlTypeKind.Float
                    ? ((float)d).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
                    : d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal)) text += ".0";
                return CqlType.Decimal.FromString(text);
            }
        }
    }
}
