using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sibyl.Data.Types;

/// <summary>CQL inet: 4 (IPv4) or 16 (IPv6) address bytes (InetAddressType), byte-ordered.</summary>
public sealed class InetType : CqlType
{
    internal InetType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Inet;
    public override string CqlName => "inet";
    public override string MarshalClassName => MarshalPackage + "InetAddressType";

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 0 && value.Length != 4 && value.Length != 16)
            throw new MarshalException($"Expected 4 or 16 byte inetaddress; got {TypeText.Hex(value)}");
    }

    /// <summary>Java's InetAddress.getHostAddress: dotted quad, or eight uncompressed hex groups.</summary>
    public override string ToCqlString(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return TypeText.Null;
        Validate(value);
        var address = new IPAddress(value);
        // Java turns an IPv4-mapped IPv6 address into an Inet4Address.
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return address.ToString();
        var sb = new StringBuilder(39);
        for (int i = 0; i < 16; i += 2)
        {
            if (i > 0)
                sb.Append(':');
            sb.Append(((value[i] << 8) | value[i + 1]).ToString("x", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>An address literal. Cassandra also resolves host names here; Sibyl does not do DNS in a type.</summary>
    public override byte[] FromString(string text)
    {
        if (text.Length == 0)
            return [];
        if (!IPAddress.TryParse(text, out IPAddress? address))
            throw new MarshalException($"Unable to make inet address from '{text}'");
        return address.GetAddressBytes();
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return value.IsEmpty ? null : new IPAddress(value);
    }

    public override byte[] Decompose(object value) => ((IPAddress)value).GetAddressBytes();
}
