using System.Buffers.Binary;
using System.Globalization;

namespace Sibyl.Data.Types;

/// <summary>CQL date (SimpleDateType): unsigned days with the epoch at 2^31, 4 bytes, byte-ordered; no empty value.</summary>
public sealed class DateType : CqlType
{
    internal DateType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Date;
    public override string CqlName => "date";
    public override string MarshalClassName => MarshalPackage + "SimpleDateType";
    public override int ValueLengthIfFixed => 4;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 4)
            throw new MarshalException($"Expected 4 byte long for date ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : new CqlDate(BinaryPrimitives.ReadUInt32BigEndian(value)).ToString();

    /// <summary>SimpleDateSerializer.dateStringToDays: a raw unsigned day number or "yyyy-mm-dd".</summary>
    public override byte[] FromString(string text)
    {
        if (text.Length > 0 && !text.AsSpan(text[0] == '-' ? 1 : 0).ContainsAnyExceptInRange('0', '9') && text != "-")
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long raw) || raw < 0 || raw > uint.MaxValue)
                throw new MarshalException($"Unable to make unsigned int (for date) from: '{text}'");
            return Serialize(new CqlDate((uint)raw));
        }

        if (!CivilCalendar.TryParseDate(text, out long days))
            throw new MarshalException($"Unable to coerce '{text}' to a formatted date (long)");
        if (days < int.MinValue)
            throw new MarshalException($"Input date {text} is less than min supported date -5877641-06-23T00:00Z");
        if (days > int.MaxValue)
            throw new MarshalException($"Input date {text} is greater than max supported date +5881580-07-11T00:00Z");
        return Serialize(CqlDate.FromDaysSinceEpoch(days));
    }

    public static byte[] Serialize(CqlDate date)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, date.Raw);
        return bytes;
    }

    /// <summary>A <see cref="CqlDate"/>, or null for an empty value.</summary>
    public override object? Compose(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return null;
        Validate(value);
        return new CqlDate(BinaryPrimitives.ReadUInt32BigEndian(value));
    }

    public override byte[] Decompose(object value) => Serialize(value switch
    {
        CqlDate d => d,
        DateOnly d => CqlDate.FromDateOnly(d),
        DateTime d => CqlDate.FromDateOnly(DateOnly.FromDateTime(d)),
        _ => throw new MarshalException($"Cannot convert {value.GetType().Name} to date"),
    });
}
