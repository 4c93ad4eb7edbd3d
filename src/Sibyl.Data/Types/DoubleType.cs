using System.Buffers.Binary;
using System.Globalization;

namespace Sibyl.Data.Types;

/// <summary>CQL double: IEEE 754 double, big-endian; ordered as Java's Double.compare (-0.0 &lt; 0.0, NaN last).</summary>
public sealed class DoubleType : CqlType
{
    internal DoubleType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Double;
    public override string CqlName => "double";
    public override string MarshalClassName => MarshalPackage + "DoubleType";
    public override int ValueLengthIfFixed => 8;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = CompareEmpty(left, right, out bool decided);
        return decided ? c : JavaCompare(BinaryPrimitives.ReadDoubleBigEndian(left), BinaryPrimitives.ReadDoubleBigEndian(right));
    }

    internal static int JavaCompare(double a, double b)
    {
        if (a < b) return -1;
        if (a > b) return 1;
        long x = double.IsNaN(a) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(a);
        long y = double.IsNaN(b) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(b);
        return x.CompareTo(y);
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 8 && value.Length != 0)
            throw new MarshalException($"Expected 8 or 0 byte value for a double ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : TypeText.JavaDouble(BinaryPrimitives.ReadDoubleBigEndian(value));

    public override byte[] FromString(string text)
    {
        if (text.Length == 0)
            return [];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw new MarshalException($"Unable to make double from '{text}'");
        return Serialize(v);
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return value.IsEmpty ? null : BinaryPrimitives.ReadDoubleBigEndian(value);
    }

    public override byte[] Decompose(object value) => Serialize(TypeText.Number(value, CqlName, static v => Convert.ToDouble(v, CultureInfo.InvariantCulture)));

    public static byte[] Serialize(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        return bytes;
    }
}
