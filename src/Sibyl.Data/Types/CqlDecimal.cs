using System.Globalization;
using System.Numerics;

namespace Sibyl.Data.Types;

/// <summary>
/// A CQL decimal as Java's BigDecimal holds it: value = <see cref="Unscaled"/> × 10^-<see cref="Scale"/>.
/// .NET's decimal cannot hold every such value, so decimals travel in this form.
/// Equality is representational (1.0 and 1.00 differ), ordering is numeric, as BigDecimal's.
/// </summary>
public readonly record struct CqlDecimal(BigInteger Unscaled, int Scale) : IComparable<CqlDecimal>
{
    public int CompareTo(CqlDecimal other)
    {
        if (Scale == other.Scale)
            return Unscaled.CompareTo(other.Unscaled);
        int sign = Unscaled.Sign, otherSign = other.Unscaled.Sign;
        if (sign != otherSign)
            return sign.CompareTo(otherSign);
        if (sign == 0)
            return 0;
        // Compare orders of magnitude first (digits - scale): scales may differ by billions, and scaling
        // one side by 10^diff would take minutes and gigabytes, a trivial denial of service.
        long magnitude = ApproximateDigits(Unscaled) - (long)Scale;
        long otherMagnitude = ApproximateDigits(other.Unscaled) - (long)other.Scale;
        if (Math.Abs(magnitude - otherMagnitude) >= 2)
            return sign * magnitude.CompareTo(otherMagnitude);
        // Close magnitudes: the scale difference is now bounded by the digit counts, so scaling is cheap.
        long diff = (long)Scale - other.Scale;
        if (diff > 0)
            return Unscaled.CompareTo(other.Unscaled * BigInteger.Pow(10, (int)Math.Min(diff, int.MaxValue)));
        return (Unscaled * BigInteger.Pow(10, (int)Math.Min(-diff, int.MaxValue))).CompareTo(other.Unscaled);
    }

    /// <summary>The number of decimal digits of |value|, within one (log10 is approximate at powers of ten).</summary>
    private static long ApproximateDigits(BigInteger value) => (long)Math.Floor(BigInteger.Log10(BigInteger.Abs(value))) + 1;

    public static CqlDecimal FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int scale = (bits[3] >> 16) & 0xFF;
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return new CqlDecimal(bits[3] < 0 ? -magnitude : magnitude, scale);
    }

    /// <summary>Java's BigDecimal(String) syntax: [sign] digits [. digits] [e [sign] digits].</summary>
    public static bool TryParse(string text, out CqlDecimal value)
    {
        value = default;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
            negative = text[i++] == '-';
        int digitsStart = i;
        var digits = new System.Text.StringBuilder();
        int fractionDigits = 0;
        bool seenPoint = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= '0' && c <= '9')
            {
                digits.Append(c);
                if (seenPoint)
                    fractionDigits++;
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                break;
            }
        }

        if (digits.Length == 0 || i == digitsStart)
            return false;
        long exponent = 0;
        if (i < text.Length)
        {
            if (text[i] != 'e' && text[i] != 'E')
                return false;
            i++;
            if (!long.TryParse(text.AsSpan(i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
                return false;
        }

        long scale = fractionDigits - exponent;
        if (scale is > int.MaxValue or < int.MinValue)
            return false;
        var unscaled = BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        value = new CqlDecimal(negative ? -unscaled : unscaled, (int)scale);
        return true;
    }

    /// <summary>Java's BigDecimal.toString: plain notation unless the scale is negative or the
    /// adjusted exponent is below -6, then scientific ("1.23E+10").</summary>
    public override string ToString()
    {
        string digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        string sign = Unscaled.Sign < 0 ? "-" : "";
        long adjusted = -(long)Scale + (digits.Length - 1);
        if (Scale >= 0 && adjusted >= -6)
        {
            if (Scale == 0)
                return sign + digits;
            if (digits.Length > Scale)
                return sign + digits[..^Scale] + "." + digits[^Scale..];
            return sign + "0." + new string('0', Scale - digits.Length) + digits;
        }

        string mantissa = digits.Length > 1 ? digits[..1] + "." + digits[1..] : digits;
        return sign + mantissa + "E" + (adjusted >= 0 ? "+" : "") + adjusted.ToString(CultureInfo.InvariantCulture);
    }

    public static bool operator <(CqlDecimal left, CqlDecimal right) => left.CompareTo(right) < 0;
    public static bool operator >(CqlDecimal left, CqlDecimal right) => left.CompareTo(right) > 0;
    public static bool operator <=(CqlDecimal left, CqlDecimal right) => left.CompareTo(right) <= 0;
    public static bool operator >=(CqlDecimal left, CqlDecimal right) => left.CompareTo(right) >= 0;
}
