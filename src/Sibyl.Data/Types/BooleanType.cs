namespace Sibyl.Data.Types;

/// <summary>CQL boolean: one byte, zero is false, anything else true; false sorts before true.</summary>
public sealed class BooleanType : CqlType
{
    internal BooleanType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Boolean;
    public override string CqlName => "boolean";
    public override string MarshalClassName => MarshalPackage + "BooleanType";
    public override int ValueLengthIfFixed => 1;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = CompareEmpty(left, right, out bool decided);
        return decided ? c : (left[0] != 0 ? 1 : 0) - (right[0] != 0 ? 1 : 0);
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length > 1)
            throw new MarshalException($"Expected 1 or 0 byte value ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : value[0] != 0 ? "true" : "false";

    public override byte[] FromString(string text)
    {
        if (text.Length == 0 || text.Equals("false", StringComparison.OrdinalIgnoreCase))
            return [0];
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
            return [1];
        throw new MarshalException($"Unable to make boolean from '{text}'");
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return value.IsEmpty ? null : value[0] != 0;
    }

    public override byte[] Decompose(object value) => [(bool)value ? (byte)1 : (byte)0];
}
