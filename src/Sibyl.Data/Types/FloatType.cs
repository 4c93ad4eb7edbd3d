using System.Buffers.Binary;
using System.Globalization;

namespace Sibyl.Data.Types;

/// <summary>CQL float: IEEE 754 single, big-endian; ordered as Java's Float.compare (-0.0 &lt; 0.0, NaN last).</summary>
public sealed class FloatType : CqlType
{
    internal FloatType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Float;
    public override string CqlName => "float";
    public override string MarshalClassName => MarshalPackage + "FloatType";
    public override int ValueLengthIfFixed => 4;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = CompareEmpty(left, right, out bool decided);
        return decided ? c : JavaCompare(BinaryPrimitives.ReadSingleBigEndian(left), BinaryPrimitives.ReadSingleBigEndian(right));
    }

    internal static int JavaCompare(float a, float b)
    {
        if (a < b) return -1;
        if (a > b) return 1;
        // Equal or NaN involved: Java orders by the canonical bit pattern (NaN above +Infinity, -0 below +0).
        int x = float.IsNaN(a) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(a);
        int y = float.IsNaN(b) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(b);
        return x.CompareTo(y);
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 4 && value.Length != 0)
            throw new MarshalException($"Expected 4 or 0 byte value for a float ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : TypeText.JavaFloat(BinaryPrimitives.ReadSingleBigEndian(value));

    public override byte[] FromString(string text)
    {
        if (text.Length == 0)
            return [];
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
            throw new MarshalException($"Unable to make float from '{text}'");
        return Serialize(v);
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return value.IsEmpty ? null : BinaryPrimitives.ReadSingleBigEndian(value);
    }

    public override byte[] Decompose(object value) => Serialize(TypeText.Number(value, CqlName, static v => Convert.ToSingle(v, CultureInfo.InvariantCulture)));

    public static byte[] Serialize(float value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteSingleBigEndian(bytes, value);
        return bytes;
    }
}
