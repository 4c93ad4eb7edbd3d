using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using Sibyl.Common.Errors;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Functions;

/// <summary>
/// Cassandra's operators on numbers (OperationFcts): the result type is floating point when either side is,
/// sized to the wider operand (varint/decimal when unbounded); fixed-size integers wrap like Java's.
/// Timestamps and dates accept + and - of a duration.
/// </summary>
public static class Arithmetic
{
    public static bool IsNumber(CqlType type) => type.Kind is CqlTypeKind.TinyInt or CqlTypeKind.SmallInt or CqlTypeKind.Int
        or CqlTypeKind.BigInt or CqlTypeKind.Counter or CqlTypeKind.Varint or CqlTypeKind.Float or CqlTypeKind.Double or CqlTypeKind.Decimal;

    private static bool IsFloatingPoint(CqlType type) => type.Kind is CqlTypeKind.Float or CqlTypeKind.Double or CqlTypeKind.Decimal;

    private static int Size(CqlType type) => type.Kind switch
    {
        CqlTypeKind.TinyInt => 1,
        CqlTypeKind.SmallInt => 2,
        CqlTypeKind.Int or CqlTypeKind.Float => 4,
        CqlTypeKind.BigInt or CqlTypeKind.Counter or CqlTypeKind.Double => 8,
        _ => int.MaxValue,
    };

    public static CqlType ResultType(CqlType left, CqlType right)
    {
        int size = Math.Max(Size(left), Size(right));
        if (IsFloatingPoint(left) || IsFloatingPoint(right))
            return size switch { 4 => CqlType.Float, 8 => CqlType.Double, _ => CqlType.Decimal };
        return size switch { 1 => CqlType.TinyInt, 2 => CqlType.SmallInt, 4 => CqlType.Int, 8 => CqlType.BigInt, _ => CqlType.Varint };
    }

    public static string FunctionName(char op) => op switch
    {
        '+' => "_add",
        '-' => "_substract",
        '*' => "_multiply",
        '/' => "_divide",
        _ => "_modulo",
    };

    /// <summary>The operator functions for every pair of number types, and temporal ± duration.</summary>
    public static IEnumerable<NativeFunction> All()
    {
        CqlType[] numbers = [CqlType.TinyInt, CqlType.SmallInt, CqlType.Int, CqlType.BigInt, CqlType.Float, CqlType.Double, CqlType.Decimal, CqlType.Varint, CqlType.Counter];
        foreach (var left in numbers)
        {
            foreach (var right in numbers)
            {
                var result = ResultType(left, right);
                foreach (char op in "+-*/%")
                {
                    var (l, r, o) = (left, right, op);
                    yield return new NativeFunction(FunctionName(op), [left, right], result,
                        (args, _) => Compute(o, l, args[0]!, r, args[1]!, result),
                        columnName: names => $"{names[0]} {o} {names[1]}");
                }
            }
            var t = left;
            yield return new NativeFunction("_negate", [left], left, (args, _) => Negate(t, args[0]!), columnName: names => "-" + names[0]);
        }
        foreach (var (l, r) in new (CqlType, CqlType)[] { (CqlType.Text, CqlType.Text), (CqlType.Text, CqlType.Ascii), (CqlType.Ascii, CqlType.Text), (CqlType.Ascii, CqlType.Ascii) })
        {
            var result = l.Kind == CqlTypeKind.Ascii && r.Kind == CqlTypeKind.Ascii ? (CqlType)CqlType.Ascii : CqlType.Text;
            yield return new NativeFunction("_add", [l, r], result, (args, _) => [.. args[0]!, .. args[1]!], columnName: names => $"{names[0]} + {names[1]}");
        }
        foreach (var temporal in new CqlType[] { CqlType.Timestamp, CqlType.Date })
        {
            foreach (char op in "+-")
            {
                var (ty, o) = (temporal, op);
                yield return new NativeFunction(FunctionName(op), [temporal, CqlType.Duration], temporal,
                    (args, _) => args[0]!.Length == 0 || args[1]!.Length == 0 ? null : AddDuration(ty, args[0]!, args[1]!, o == '-'),
                    columnName: names => $"{names[0]} {o} {names[1]}");
            }
        }
    }

    public static byte[]? Compute(char op, CqlType leftType, byte[] left, CqlType rightType, byte[] right, CqlType result)
    {
        if (left.Length == 0 || right.Length == 0) return null;
        try
        {
            switch (result.Kind)
            {
                case CqlTypeKind.Float:
                {
                    float a = (float)ToDouble(leftType, left), b = (float)ToDouble(rightType, right);
                    return CqlType.Float.Decompose(op switch { '+' => a + b, '-' => a - b, '*' => a * b, '/' => a / b, _ => a % b });
                }
                case CqlTypeKind.Double:
                {
                    double a = ToDouble(leftType, left), b = ToDouble(rightType, right);
                    return CqlType.Double.Decompose(op switch { '+' => a + b, '-' => a - b, '*' => a * b, '/' => a / b, _ => a % b });
                }
                case CqlTypeKind.Decimal:
                    return CqlType.Decimal.Decompose(DecimalOp(op, ToDecimal(leftType, left), ToDecimal(rightType, right)));
                case CqlTypeKind.Varint:
                {
                    BigInteger a = ToBigInteger(leftType, left), b = ToBigInteger(rightType, right);
                    return CqlType.Varint.Decompose(op switch
                    {
                        '+' => a + b,
                        '-' => a - b,
                        '*' => a * b,
                        '/' => b.IsZero ? throw new DivideByZeroException() : BigInteger.Divide(a, b),
                        _ => b.IsZero ? throw new DivideByZeroException() : BigInteger.Remainder(a, b),
                    });
                }
                default:
                {
                    long a = ToLong(leftType, left), b = ToLong(rightType, right);
                    if (op is '/' or '%' && b == 0) throw new DivideByZeroException();
                    long r = unchecked(op switch { '+' => a + b, '-' => a - b, '*' => a * b, '/' => a == long.MinValue && b == -1 ? a : a / b, _ => b == -1 ? 0 : a % b });
                    return FromLong(result, r);
                }
            }
        }
        catch (DivideByZeroException)
        {
            string reason = result.Kind is CqlTypeKind.Varint or CqlTypeKind.Decimal ? "BigInteger divide by zero" : "/ by zero";
            throw Failure(op, leftType, rightType, reason);
        }
        catch (ArithmeticException e)
        {
            throw Failure(op, leftType, rightType, e.Message);
        }
    }

    private static FunctionFailureException Failure(char op, CqlType left, CqlType right, string reason) =>
        new("system", FunctionName(op), [left.CqlName, right.CqlName], $"the operation '{left.CqlName} {op} {right.CqlName}' failed: {reason}");

    public static byte[]? Negate(CqlType type, byte[] value)
    {
        if (value.Length == 0) return value;
        return type.Kind switch
        {
            CqlTypeKind.Float => CqlType.Float.Decompose(-(float)ToDouble(type, value)),
            CqlTypeKind.Double => CqlType.Double.Decompose(-ToDouble(type, value)),
            CqlTypeKind.Decimal => CqlType.Decimal.Decompose(ToDecimal(type, value) with { Unscaled = -ToDecimal(type, value).Unscaled }),
            CqlTypeKind.Varint => CqlType.Varint.Decompose(-ToBigInteger(type, value)),
            _ => FromLong(type, unchecked(-ToLong(type, value))),
        };
    }

    private static byte[] FromLong(CqlType type, long value) => type.Kind switch
    {
        CqlTypeKind.TinyInt => [(byte)value],
        CqlTypeKind.SmallInt => CqlType.SmallInt.Decompose(unchecked((short)value)),
        CqlTypeKind.Int => CqlType.Int.Decompose(unchecked((int)value)),
        _ => CqlType.BigInt.Decompose(value),
    };

    public static long ToLong(CqlType type, ReadOnlySpan<byte> value) => type.Kind switch
    {
        CqlTypeKind.TinyInt => (sbyte)value[0],
        CqlTypeKind.SmallInt => BinaryPrimitives.ReadInt16BigEndian(value),
        CqlTypeKind.Int => BinaryPrimitives.ReadInt32BigEndian(value),
        CqlTypeKind.BigInt or CqlTypeKind.Counter => BinaryPrimitives.ReadInt64BigEndian(value),
        CqlTypeKind.Varint => unchecked((long)(ulong)(ToBigInteger(type, value) & ulong.MaxValue)), // Java's longValue(): the low 64 bits
        CqlTypeKind.Float or CqlTypeKind.Double => (long)ToDouble(type, value),
        _ => (long)(decimal)ToDecimalClr(ToDecimal(type, value.ToArray())),
    };

    public static BigInteger ToBigInteger(CqlType type, ReadOnlySpan<byte> value) => type.Kind switch
    {
        CqlTypeKind.Varint => new BigInteger(value, isUnsigned: false, isBigEndian: true),
        CqlTypeKind.Float or CqlTypeKind.Double => new BigInteger(ToDouble(type, value)),
        CqlTypeKind.Decimal => Truncate(ToDecimal(type, value.ToArray())),
        _ => ToLong(type, value),
    };

    public static double ToDouble(CqlType type, ReadOnlySpan<byte> value) => type.Kind switch
    {
        CqlTypeKind.Float => BinaryPrimitives.ReadSingleBigEndian(value),
        CqlTypeKind.Double => BinaryPrimitives.ReadDoubleBigEndian(value),
        // Parsing the decimal digits rounds to nearest like Java's BigInteger.doubleValue(); the cast truncates.
        CqlTypeKind.Varint => double.Parse(ToBigInteger(type, value).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        CqlTypeKind.Decimal => double.Parse(ToDecimal(type, value.ToArray()).ToString(), CultureInfo.InvariantCulture),
        _ => ToLong(type, value),
    };

    public static CqlDecimal ToDecimal(CqlType type, byte[] value)
    {
        switch (type.Kind)
        {
            case CqlTypeKind.Decimal:
                return (CqlDecimal)CqlType.Decimal.Compose(value)!;
            case CqlTypeKind.Float:
            case CqlTypeKind.Double:
            {
                // Java's BigDecimal.valueOf(double) goes through the shortest decimal string of the double.
                double d = ToDouble(type, value);
                if (double.IsNaN(d)) throw new ArithmeticException("A NaN cannot be converted into a decimal");
                if (double.IsInfinity(d)) throw new ArithmeticException("An infinite number cannot be converted into a decimal");
                string text = type.Kind == CqlTypeKind.Float ? ((float)d).ToString("R", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
                return CqlDecimal.TryParse(text, out var result) ? result : throw new InvalidRequestException($"Cannot convert {text} to decimal");
            }
            default:
                return new CqlDecimal(ToBigInteger(type, value), 0);
        }
    }

    private static BigInteger Truncate(CqlDecimal d) =>
        d.Scale <= 0 ? d.Unscaled * BigInteger.Pow(10, -d.Scale) : BigInteger.Divide(d.Unscaled, BigInteger.Pow(10, d.Scale));

    private static decimal ToDecimalClr(CqlDecimal d) =>
        decimal.Parse(d.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static CqlDecimal DecimalOp(char op, CqlDecimal a, CqlDecimal b)
    {
        int scale = Math.Max(a.Scale, b.Scale);
        BigInteger ua = a.Unscaled * BigInteger.Pow(10, scale - a.Scale), ub = b.Unscaled * BigInteger.Pow(10, scale - b.Scale);
        switch (op)
        {
            case '+': return new CqlDecimal(ua + ub, scale);
            case '-': return new CqlDecimal(ua - ub, scale);
            case '*': return new CqlDecimal(a.Unscaled * b.Unscaled, a.Scale + b.Scale);
            case '%':
                if (ub.IsZero) throw new DivideByZeroException();
                return new CqlDecimal(BigInteger.Remainder(ua, ub), scale);
            default:
            {
                if (b.Unscaled.IsZero) throw new DivideByZeroException();
                // DecimalType.divide: at least 32 significant digits and 32 decimals, HALF_UP, trailing zeros stripped.
                int firstDigit = (Precision(a.Unscaled) - a.Scale) - (Precision(b.Unscaled) - b.Scale);
                int resultScale = Math.Min(Math.Max(Math.Max(Math.Max(32 - firstDigit, a.Scale), b.Scale), 32), 1000);
                // a / b = (ua * 10^(resultScale - a.Scale + b.Scale)) / ub at resultScale
                int shift = resultScale - a.Scale + b.Scale;
                BigInteger num = a.Unscaled, den = b.Unscaled;
                if (shift >= 0) num *= BigInteger.Pow(10, shift);
                else den *= BigInteger.Pow(10, -shift);
                var q = BigInteger.DivRem(num, den, out var rem);
                if (!rem.IsZero && BigInteger.Abs(rem) * 2 >= BigInteger.Abs(den))
                    q += (num.Sign * den.Sign);
                int qs = resultScale;
                while (qs > int.MinValue && !q.IsZero && q % 10 == 0) { q /= 10; qs--; }
                if (q.IsZero) qs = 0;
                return new CqlDecimal(q, qs);
            }
        }
    }

    private static int Precision(BigInteger value) => value.IsZero ? 1 : BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture).Length;

    private static byte[] AddDuration(CqlType type, byte[] temporal, byte[] durationBytes, bool subtract)
    {
        var duration = (CqlDuration)CqlType.Duration.Compose(durationBytes)!;
        int sign = subtract ? -1 : 1;
        if (type.Kind == CqlTypeKind.Date)
        {
            if (duration.Nanoseconds != 0)
                throw Failure(subtract ? '-' : '+', type, CqlType.Duration, $"The duration must have a day precision. Was: {duration}");
            var date = (CqlDate)CqlType.Date.Compose(temporal)!;
            var day = DateTimeOffset.UnixEpoch.AddDays(date.DaysSinceEpoch).AddMonths(sign * duration.Months).AddDays(sign * duration.Days);
            return CqlType.Date.Decompose(CqlDate.FromDaysSinceEpoch((long)(day - DateTimeOffset.UnixEpoch).TotalDays));
        }
        long millis = BinaryPrimitives.ReadInt64BigEndian(temporal);
        var time = DateTimeOffset.UnixEpoch.AddMilliseconds(millis).AddMonths(sign * duration.Months).AddDays(sign * duration.Days)
            .AddTicks(sign * (duration.Nanoseconds / 1_000_000 * TimeSpan.TicksPerMillisecond));
        return CqlType.BigInt.Decompose(time.ToUnixTimeMilliseconds());
    }
}
