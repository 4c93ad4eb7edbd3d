using System.Buffers.Binary;
using System.Globalization;

namespace Sibyl.Data.Types;

/// <summary>CQL time: nanoseconds since midnight, 8-byte big-endian, byte-ordered; no empty value.</summary>
public sealed class TimeType : CqlType
{
    private const long NanosPerDay = 86_400_000_000_000L;

    internal TimeType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Time;
    public override string CqlName => "time";
    public override string MarshalClassName => MarshalPackage + "TimeType";
    public override int ValueLengthIfFixed => 8;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 8)
            throw new MarshalException($"Expected 8 byte long for time ({value.Length})");
    }

    /// <summary>TimeSerializer.toString: "hh:mm:ss.nnnnnnnnn".</summary>
    public override string ToCqlString(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return TypeText.Null;
        long n = BinaryPrimitives.ReadInt64BigEndian(value);
        return string.Create(CultureInfo.InvariantCulture,
            $"{n / 3_600_000_000_000L % 24:00}:{n / 60_000_000_000L % 60:00}:{n / 1_000_000_000L % 60:00}.{n % 1_000_000_000L:000000000}");
    }

    public override byte[] FromString(string text) => BigIntType.Serialize(ParseNanos(text));

    /// <summary>TimeSerializer.timeStringToLong: raw nanoseconds or "hh:mm:ss[.fffffffff]".</summary>
    public static long ParseNanos(string text)
    {
        ReadOnlySpan<char> digits = text.StartsWith('-') ? text.AsSpan(1) : text;
        if (!digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9'))
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long raw) || raw < 0 || raw >= NanosPerDay)
                throw new MarshalException($"Unable to make long (for time) from: '{text}'");
            return raw;
        }

        if (!TryParseClock(text.Trim(), out long nanos))
            throw new MarshalException($"(TimeType) Unable to coerce '{text}' to a formatted time (long)");
        return nanos;
    }

    private static bool TryParseClock(string s, out long nanos)
    {
        nanos = 0;
        int c1 = s.IndexOf(':', StringComparison.Ordinal);
        int c2 = c1 < 0 ? -1 : s.IndexOf(':', c1 + 1);
        if (c1 <= 0 || c2 <= 0 || c2 >= s.Length - 1)
            return false;
        int period = s.IndexOf('.', c2 + 1);
        if (!TryInt(s.AsSpan(0, c1), out int h) || h is < 0 or >= 24)
            return false;
        if (!TryInt(s.AsSpan(c1 + 1, c2 - c1 - 1), out int m) || m is < 0 or >= 60)
            return false;
        int sec;
        long fraction = 0;
        if (period > 0)
        {
            if (period >= s.Length - 1 || !TryInt(s.AsSpan(c2 + 1, period - c2 - 1), out sec))
                return false;
            ReadOnlySpan<char> f = s.AsSpan(period + 1);
            if (f.Length > 9 || !char.IsAsciiDigit(f[0]) || !long.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out fraction))
                return false;
            for (int i = f.Length; i < 9; i++)
                fraction *= 10;
        }
        else if (!TryInt(s.AsSpan(c2 + 1), out sec))
        {
            return false;
        }

        if (sec is < 0 or >= 60)
            return false;
        nanos = h * 3_600_000_000_000L + m * 60_000_000_000L + sec * 1_000_000_000L + fraction;
        return true;
    }

    private static bool TryInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Nanoseconds since midnight as a long, or null for an empty value.</summary>
    public override object? Compose(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return null;
        Validate(value);
        return BinaryPrimitives.ReadInt64BigEndian(value);
    }

    public override byte[] Decompose(object value) => BigIntType.Serialize(value switch
    {
        TimeSpan t => t.Ticks * 100,
        TimeOnly t => t.Ticks * 100,
        _ => TypeText.Number(value, CqlName, static v => Convert.ToInt64(v, CultureInfo.InvariantCulture)),
    });
}
