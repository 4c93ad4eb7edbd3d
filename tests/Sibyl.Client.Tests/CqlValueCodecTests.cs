using System.Net;
using System.Numerics;
using Sibyl.Protocol;

namespace Sibyl.Client.Tests;

public sealed class CqlValueCodecTests
{
    public static TheoryData<ProtocolDataType, object> Values() => new()
    {
        { ProtocolDataType.Varchar, "héllo" },
        { ProtocolDataType.Bigint, -5L },
        { ProtocolDataType.Int, 123456 },
        { ProtocolDataType.Smallint, (short)-3 },
        { ProtocolDataType.Tinyint, (sbyte)-7 },
        { ProtocolDataType.Boolean, true },
        { ProtocolDataType.Double, 2.5 },
        { ProtocolDataType.Float, 1.25f },
        { ProtocolDataType.Uuid, Guid.Parse("01234567-89ab-cdef-0123-456789abcdef") },
        { ProtocolDataType.Timestamp, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123) },
        { ProtocolDataType.Date, new DateOnly(2026, 11, 21) },
        { ProtocolDataType.Inet, IPAddress.Parse("10.1.2.3") },
        { ProtocolDataType.Varint, BigInteger.Parse("-123456789012345678901234567890") },
        { ProtocolDataType.Decimal, -12.345m },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Values_round_trip(ProtocolDataType type, object value)
    {
        byte[] encoded = CqlValueCodec.Encode(type, value)!;
        Assert.Equal(value, CqlValueCodec.Decode(type, encoded));
    }

    [Fact]
    public void Known_encodings_match_the_spec()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 1, 0 }, CqlValueCodec.Encode(ProtocolDataType.Bigint, 256L));
        Assert.Equal(new byte[] { 0x80, 0, 0, 0 }, CqlValueCodec.Encode(ProtocolDataType.Date, new DateOnly(1970, 1, 1)));
        // decimal 1.5 = scale 1, unscaled 15
        Assert.Equal(new byte[] { 0, 0, 0, 1, 15 }, CqlValueCodec.Encode(ProtocolDataType.Decimal, 1.5m));
    }

    [Fact]
    public void Collections_round_trip()
    {
        var listType = ProtocolDataType.List(ProtocolDataType.Int);
        var encoded = CqlValueCodec.Encode(listType, new[] { 1, 2, 3 })!;
        Assert.Equal(new object?[] { 1, 2, 3 }, (List<object?>)CqlValueCodec.Decode(listType, encoded)!);

        var mapType = ProtocolDataType.Map(ProtocolDataType.Varchar, ProtocolDataType.Bigint);
        var map = (Dictionary<object, object?>)CqlValueCodec.Decode(mapType, CqlValueCodec.Encode(mapType, new Dictionary<string, long> { ["a"] = 1, ["b"] = 2 }))!;
        Assert.Equal(2L, map["b"]);
    }
}
