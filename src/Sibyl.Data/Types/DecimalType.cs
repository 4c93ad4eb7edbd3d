using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Sibyl.Data.Types;

/// <summary>CQL decimal: 4-byte big-endian scale then the unscaled varint (DecimalType); ordered numerically.</summary>
public sealed class DecimalType : CqlType
{
    internal DecimalType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Decimal;
    public override string CqlName => "decimal";
    public override string MarshalClassName => MarshalPackage + "DecimalType";

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = CompareEmpty(left, right, out bool decided);
        return decided ? c : Read(left).CompareTo(Read(right));
    }

    internal static CqlDecimal Read(ReadOnlySpan<byte> value) =>
        new(VarintType.Read(value[4..]), BinaryPrimitives.ReadInt32BigEndian(value));

    public static byte[] Serialize(CqlDecimal value)
    {
        int length = value.Unscaled.GetByteCount(isUnsigned: false);
        var bytes = new byte[4 + length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value.Scale);
        value.Unscaled.TryWriteBytes(bytes.AsSpan(4), out _, isUnsigned: false, isBigEndian: true);
        return bytes;
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 0 && value.Length < 4)
            throw new MarshalException($"Expected 0 or at least 4 bytes ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) => value.IsEmpty ? TypeText.Null : Read(value).ToString();

    public override byte[] FromString(string text)
    {
        if (text.Length == 0)
            return [];
        if (!CqlDecimal.TryParse(text, out CqlDecimal d))
            throw new MarshalException($"unable to make BigDecimal from '{text}'");
        return Serialize(d);
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return value.IsEmpty ? null : Read(value);
    }

    public override byte[] Decompose(object value) => Serialize(value switch
    {
        CqlDecimal d => d,
        decimal m => CqlDecimal.FromDecimal(m),
        BigInteger b => new CqlDecimal(b, 0),
        int i => new CqlDecimal(i, 0),
        long l => new CqlDecimal(l, 0),
        // BigDecimal.valueOf(double) goes through Double.toString.
        double or float => CqlDecimal.TryParse(TypeText.JavaDouble(Convert.ToDouble(value, CultureInfo.InvariantCulture)), out var p)
            ? p : throw new MarshalException($"unable to make BigDecimal from '{value}'"),
        _ => CqlDecimal.FromDecimal(TypeText.Number(value, CqlName, static v => Convert.ToDecimal(v, CultureInfo.InvariantCulture))),
    });
}
