using Sibyl.Common.Binary;

namespace Sibyl.Data.Types;

/// <summary>
/// CQL duration: three signed vints (months, days, nanoseconds). Cassandra does not order durations
/// by value (they cannot be clustering columns); byte order is used where an order is needed.
/// </summary>
public sealed class DurationType : CqlType
{
    internal DurationType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Duration;
    public override string CqlName => "duration";
    public override string MarshalClassName => MarshalPackage + "DurationType";

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length < 3)
            throw new MarshalException($"Expected at least 3 bytes for a duration ({value.Length})");
        if (!VIntCoding.TryReadVInt(value, out long months, out int a)
            || !VIntCoding.TryReadVInt(value[a..], out long days, out int b)
            || !VIntCoding.TryReadVInt(value[(a + b)..], out long nanos, out _))
            throw new MarshalException("Not enough bytes to read a duration");
        if ((int)months != months)
            throw new MarshalException($"The duration months must be a 32 bits integer but was: {months}");
        if ((int)days != days)
            throw new MarshalException($"The duration days must be a 32 bits integer but was: {days}");
        if (!((months >= 0 && days >= 0 && nanos >= 0) || (months <= 0 && days <= 0 && nanos <= 0)))
            throw new MarshalException($"The duration months, days and nanoseconds must be all of the same sign ({months}, {days}, {nanos})");
    }

    public static CqlDuration Read(ReadOnlySpan<byte> value)
    {
        long months = VIntCoding.ReadVInt(value, out int a);
        long days = VIntCoding.ReadVInt(value[a..], out int b);
        long nanos = VIntCoding.ReadVInt(value[(a + b)..], out _);
        return new CqlDuration((int)months, (int)days, nanos);
    }

    public static byte[] Serialize(CqlDuration duration)
    {
        int size = VIntCoding.ComputeVIntSize(duration.Months) + VIntCoding.ComputeVIntSize(duration.Days)
                   + VIntCoding.ComputeVIntSize(duration.Nanoseconds);
        var bytes = new byte[size];
        int pos = VIntCoding.WriteVInt(duration.Months, bytes);
        pos += VIntCoding.WriteVInt(duration.Days, bytes.AsSpan(pos));
        VIntCoding.WriteVInt(duration.Nanoseconds, bytes.AsSpan(pos));
        return bytes;
    }

    /// <summary>Duration.toString, unquoted as Cassandra's toCQLLiteral ("1h30m"; the zero duration prints empty).</summary>
    public override string ToCqlString(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return TypeText.Null;
        Validate(value);
        return Read(value).ToString();
    }

    public override byte[] FromString(string text) => Serialize(CqlDuration.Parse(text));

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return null;
        Validate(value);
        return Read(value);
    }

    public override byte[] Decompose(object value) => Serialize(value switch
    {
        CqlDuration d => d,
        TimeSpan t => new CqlDuration(0, 0, checked(t.Ticks * 100)),
        _ => throw new MarshalException($"Cannot convert {value.GetType().Name} to duration"),
    });
}
