using System.Buffers.Binary;
using System.Globalization;

namespace Sibyl.Data.Types;

/// <summary>CQL timestamp: milliseconds since the epoch, 8-byte big-endian signed, ordered as signed.</summary>
public sealed class TimestampType : CqlType
{
    internal TimestampType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Timestamp;
    public override string CqlName => "timestamp";
    public override string MarshalClassName => MarshalPackage + "TimestampType";
    public override int ValueLengthIfFixed => 8;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = CompareEmpty(left, right, out bool decided);
        return decided ? c : BinaryPrimitives.ReadInt64BigEndian(left).CompareTo(BinaryPrimitives.ReadInt64BigEndian(right));
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 8 && value.Length != 0)
            throw new MarshalException($"Expected 8 or 0 byte long for date ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : CivilCalendar.FormatTimestamp(BinaryPrimitives.ReadInt64BigEndian(value));

    /// <summary>TimestampSerializer.dateStringToTimestamp: "now", milliseconds, or a date-time pattern.</summary>
    public override byte[] FromString(string text)
    {
        if (text.Length == 0)
            return [];
        return BigIntType.Serialize(ParseMillis(text));
    }

    public static long ParseMillis(string text)
    {
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase))
            return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (IsInteger(text))
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms))
                throw new MarshalException($"Unable to make long (for date) from: '{text}'");
            return ms;
        }

        if (!CivilCalendar.TryParseTimestamp(text, out long millis))
            throw new MarshalException($"Unable to coerce '{text}' to a formatted date (long)");
        return millis;
    }

    private static bool IsInteger(string text)
    {
        ReadOnlySpan<char> s = text.StartsWith('-') ? text.AsSpan(1) : text;
        return !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>A <see cref="DateTimeOffset"/> (UTC), or null for an empty value; throws beyond years 1-9999.</summary>
    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        if (value.IsEmpty)
            return null;
        long ms = BinaryPrimitives.ReadInt64BigEndian(value);
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new MarshalException($"Timestamp {ms} is outside the range of DateTimeOffset", e);
        }
    }

    public override byte[] Decompose(object value) => BigIntType.Serialize(value switch
    {
        DateTimeOffset d => d.ToUnixTimeMilliseconds(),
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d).ToUnixTimeMilliseconds(),
        _ => TypeText.Number(value, CqlName, static v => Convert.ToInt64(v, CultureInfo.InvariantCulture)),
    });
}
