using System.Globalization;
using System.Numerics;

namespace Sibyl.Data.Types;

/// <summary>CQL varint: big-endian two's complement of any length (IntegerType), ordered numerically.</summary>
public sealed class VarintType : CqlType
{
    internal VarintType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Varint;
    public override string CqlName => "varint";
    public override string MarshalClassName => MarshalPackage + "IntegerType";

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = CompareEmpty(left, right, out bool decided);
        return decided ? c : CompareIntegers(left, right);
    }

    /// <summary>Numeric order of two non-empty big-endian two's complement integers, without allocating.</summary>
    internal static int CompareIntegers(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        left = TrimSignExtension(left);
        right = TrimSignExtension(right);
        bool leftNegative = (sbyte)left[0] < 0, rightNegative = (sbyte)right[0] < 0;
        if (leftNegative != rightNegative)
            return leftNegative ? -1 : 1;
        if (left.Length != right.Length)
            return (left.Length < right.Length) ^ leftNegative ? -1 : 1;
        // Same sign and length: unsigned byte order is numeric order.
        return left.SequenceCompareTo(right);
    }

    private static ReadOnlySpan<byte> TrimSignExtension(ReadOnlySpan<byte> value)
    {
        int i = 0;
        while (i < value.Length - 1
               && ((value[i] == 0x00 && value[i + 1] < 0x80) || (value[i] == 0xFF && value[i + 1] >= 0x80)))
            i++;
        return value[i..];
    }

    internal static BigInteger Read(ReadOnlySpan<byte> value) => new(value, isUnsigned: false, isBigEndian: true);

    internal static byte[] Write(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    public override void Validate(ReadOnlySpan<byte> value)
    {
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : Read(value).ToString(CultureInfo.InvariantCulture);

    public override byte[] FromString(string text)
    {
        if (text.Length == 0)
            return [];
        if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger v))
            throw new MarshalException($"unable to make int from '{text}'");
        return Write(v);
    }

    public override object? Compose(ReadOnlySpan<byte> value) => value.IsEmpty ? null : Read(value);

    public override byte[] Decompose(object value) => Write(value switch
    {
        BigInteger b => b,
        int i => i,
        long l => l,
        short s => s,
        sbyte sb => sb,
        ulong ul => ul,
        _ => new BigInteger(TypeText.Number(value, CqlName, static v => Convert.ToDecimal(v, CultureInfo.InvariantCulture))),
    });
}
