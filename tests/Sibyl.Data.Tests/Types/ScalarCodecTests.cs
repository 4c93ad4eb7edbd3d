using System.Net;
using System.Numerics;
using Sibyl.Data.Types;

namespace Sibyl.Data.Tests.Types;

public class ScalarCodecTests
{
    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    [Fact]
    public void ComposeDecomposeRoundTripsEveryScalar()
    {
        var cases = new (CqlType Type, object Value)[]
        {
            (CqlType.Int, -42),
            (CqlType.BigInt, long.MinValue),
            (CqlType.Counter, 7L),
            (CqlType.SmallInt, (short)-300),
            (CqlType.TinyInt, (sbyte)-7),
            (CqlType.Boolean, true),
            (CqlType.Float, 1.5f),
            (CqlType.Double, -2.25),
            (CqlType.Text, "héllo 'quoted'"),
            (CqlType.Ascii, "plain"),
            (CqlType.Varint, BigInteger.Parse("-123456789012345678901234567890")),
            (CqlType.Decimal, new CqlDecimal(BigInteger.Parse("-1234567890123456789"), 7)),
            (CqlType.Uuid, Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")),
            (CqlType.Timeuuid, Guid.Parse("e3a5e0d0-5a0f-11eb-ae93-0242ac130002")),
            (CqlType.Inet, IPAddress.Parse("2001:db8::1")),
            (CqlType.Timestamp, DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_123)),
            (CqlType.Date, new CqlDate(0x80000000u + 18292)),
            (CqlType.Time, 48_654_234_000_000L),
            (CqlType.Duration, new CqlDuration(14, 3, 5_400_000_000_000L)),
        };
        foreach (var (type, value) in cases)
        {
            byte[] bytes = type.Decompose(value);
            type.Validate(bytes);
            Assert.Equal(value, type.Compose(bytes));
        }

        Assert.Equal(new byte[] { 1, 2, 3 }, (byte[])CqlType.Blob.Compose(CqlType.Blob.Decompose(new byte[] { 1, 2, 3 }))!);
    }

    [Fact]
    public void DecomposeWidensNumbersButRefusesStringsAndOverflow()
    {
        Assert.Equal(CqlType.BigInt.Decompose(5L), CqlType.BigInt.Decompose(5));
        Assert.Equal(CqlType.Varint.Decompose(new BigInteger(300)), CqlType.Varint.Decompose((ushort)300));
        Assert.Throws<MarshalException>(() => CqlType.Int.Decompose("12"));
        Assert.Throws<MarshalException>(() => CqlType.Int.Decompose(long.MaxValue));
        Assert.Throws<MarshalException>(() => CqlType.TinyInt.Decompose(200));
    }

    [Fact]
    public void MapNormalizeSortsDriverOrderedEntries()
    {
        var map = new MapType(CqlType.Int, CqlType.Text, isMultiCell: true);
        byte[] unsorted = CollectionSerializer.Pack([CqlType.Int.Decompose(2), CqlType.Text.Decompose("b"), CqlType.Int.Decompose(1), CqlType.Text.Decompose("a")], 2);
        Assert.Equal("{1: 'a', 2: 'b'}", map.ToCqlString(map.Normalize(unsorted)));
        Assert.Equal(map.Decompose(new Dictionary<int, string> { [1] = "a", [2] = "b" }), map.Normalize(unsorted));
    }

    [Fact]
    public void EmptyValuesComposeToNull()
    {
        foreach (CqlType t in new CqlType[] { CqlType.Int, CqlType.BigInt, CqlType.Boolean, CqlType.Float, CqlType.Double, CqlType.Varint, CqlType.Decimal, CqlType.Uuid, CqlType.Timeuuid, CqlType.Inet, CqlType.Timestamp })
            Assert.Null(t.Compose([]));
        Assert.Equal("", CqlType.Text.Compose([]));
    }

    [Theory]
    [InlineData("int", "-2147483648", "80000000", "-2147483648")]
    [InlineData("bigint", "9223372036854775807", "7fffffffffffffff", "9223372036854775807")]
    [InlineData("smallint", "-2", "fffe", "-2")]
    [InlineData("tinyint", "127", "7f", "127")]
    [InlineData("boolean", "TRUE", "01", "true")]
    [InlineData("boolean", "false", "00", "false")]
    [InlineData("varint", "128", "0080", "128")]
    [InlineData("varint", "-1", "ff", "-1")]
    [InlineData("varint", "0", "00", "0")]
    [InlineData("decimal", "1.50", "00000002" + "0096", "1.50")]
    [InlineData("decimal", "-12.345e2", "00000001" + "cfc7", "-1234.5")]
    [InlineData("decimal", "1E+3", "fffffffd" + "01", "1E+3")]
    [InlineData("decimal", "0.0000001", "00000007" + "01", "1E-7")]
    [InlineData("decimal", "0.000001", "00000006" + "01", "0.000001")]
    [InlineData("text", "it's", "69742773", "'it''s'")]
    [InlineData("ascii", "", "", "''")]
    [InlineData("blob", "CAFE", "cafe", "0xcafe")]
    [InlineData("blob", "0xcafe", "cafe", "0xcafe")]
    [InlineData("blob", "", "", "0x")]
    [InlineData("uuid", "00112233-4455-6677-8899-AABBCCDDEEFF", "00112233445566778899aabbccddeeff", "00112233-4455-6677-8899-aabbccddeeff")]
    [InlineData("timeuuid", "e3a5e0d0-5a0f-11eb-ae93-0242ac130002", "e3a5e0d05a0f11ebae930242ac130002", "e3a5e0d0-5a0f-11eb-ae93-0242ac130002")]
    [InlineData("inet", "127.0.0.1", "7f000001", "127.0.0.1")]
    [InlineData("inet", "::1", "00000000000000000000000000000001", "0:0:0:0:0:0:0:1")]
    [InlineData("inet", "2001:db8::ff00:42:8329", "20010db8000000000000ff0000428329", "2001:db8:0:0:0:ff00:42:8329")]
    [InlineData("inet", "::ffff:10.0.0.1", "00000000000000000000ffff0a000001", "10.0.0.1")]
    [InlineData("timestamp", "0", "0000000000000000", "1970-01-01T00:00:00.000Z")]
    [InlineData("timestamp", "2020-01-01", "0000016f5e66e800", "2020-01-01T00:00:00.000Z")]
    [InlineData("timestamp", "2020-01-01 00:00:00+0000", "0000016f5e66e800", "2020-01-01T00:00:00.000Z")]
    [InlineData("timestamp", "2020-01-01T01:00+01:00", "0000016f5e66e800", "2020-01-01T00:00:00.000Z")]
    [InlineData("timestamp", "2020-01-01 10:30:15.123Z", "0000016f60a7eb53", "2020-01-01T10:30:15.123Z")]
    [InlineData("timestamp", "2019-12-31 19:00:00 GMT-05:00", "0000016f5e66e800", "2020-01-01T00:00:00.000Z")]
    [InlineData("timestamp", "-1", "ffffffffffffffff", "1969-12-31T23:59:59.999Z")]
    [InlineData("timestamp", "1970-01-01 00:00:00.5", "0000000000000005", "1970-01-01T00:00:00.005Z")]
    [InlineData("timestamp", "1970-01-01T00:00:01", "00000000000003e8", "1970-01-01T00:00:01.000Z")]
    [InlineData("date", "2020-01-31", "80004774", "2020-01-31")]
    [InlineData("date", "2147483648", "80000000", "1970-01-01")]
    [InlineData("date", "1969-12-31", "7fffffff", "1969-12-31")]
    [InlineData("date", "0", "00000000", "-5877641-06-23")]
    [InlineData("date", "4294967295", "ffffffff", "+5881580-07-11")]
    [InlineData("time", "13:30:54.234", "00002c4032559a80", "13:30:54.234000000")]
    [InlineData("time", "00:00:00", "0000000000000000", "00:00:00.000000000")]
    [InlineData("time", "23:59:59.999999999", "00004e94914effff", "23:59:59.999999999")]
    [InlineData("time", "1", "0000000000000001", "00:00:00.000000001")]
    public void FromStringThenToCqlString(string typeName, string input, string hex, string literal)
    {
        CqlType type = CqlType.ParseName(typeName);
        byte[] bytes = type.FromString(input);
        Assert.Equal(hex, Hex(bytes));
        type.Validate(bytes);
        Assert.Equal(literal, type.ToCqlString(bytes));
    }

    [Theory]
    [InlineData(1.0f, "1.0")]
    [InlineData(0.1f, "0.1")]
    [InlineData(100f, "100.0")]
    [InlineData(0.001f, "0.001")]
    [InlineData(1e-4f, "1.0E-4")]
    [InlineData(1234567f, "1234567.0")]
    [InlineData(1e7f, "1.0E7")]
    [InlineData(1.5e10f, "1.5E10")]
    [InlineData(-3.25f, "-3.25")]
    [InlineData(-0.0f, "-0.0")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void FloatsPrintAsJava(float value, string literal) =>
        Assert.Equal(literal, CqlType.Float.ToCqlString(CqlType.Float.Decompose(value)));

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456789.0, "1.23456789E8")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(1.0E-5, "1.0E-5")]
    [InlineData(-1.2345e-300, "-1.2345E-300")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void DoublesPrintAsJava(double value, string literal) =>
        Assert.Equal(literal, CqlType.Double.ToCqlString(CqlType.Double.Decompose(value)));

    [Fact]
    public void EmptyNumbersPrintNull()
    {
        Assert.Equal("null", CqlType.Int.ToCqlString([]));
        Assert.Equal("null", CqlType.Timestamp.ToCqlString([]));
        Assert.Equal("null", CqlType.Uuid.ToCqlString([]));
        Assert.Equal("''", CqlType.Text.ToCqlString([]));
        Assert.Empty(CqlType.Int.FromString(""));
    }

    [Fact]
    public void UuidBytesAreBigEndianUnlikeGuidToByteArray()
    {
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        Assert.Equal("00112233445566778899aabbccddeeff", Hex(UuidBytes.FromGuid(guid)));
        Assert.NotEqual(Hex(guid.ToByteArray()), Hex(UuidBytes.FromGuid(guid)));
        Assert.Equal(guid, UuidBytes.ToGuid(UuidBytes.FromGuid(guid)));
        Assert.Equal(6, UuidBytes.Version(UuidBytes.FromGuid(guid)));
    }

    [Theory]
    [InlineData("1h30m", 0, 0, 5_400_000_000_000L, "1h30m")]
    [InlineData("P1Y2M3DT4H5M6S", 14, 3, 14_706_000_000_000L, "1y2mo3d4h5m6s")]
    [InlineData("P0001-02-03T04:05:06", 14, 3, 14_706_000_000_000L, "1y2mo3d4h5m6s")]
    [InlineData("P2W", 0, 14, 0L, "14d")]
    [InlineData("-2d10h", 0, -2, -36_000_000_000_000L, "-2d10h")]
    [InlineData("1y2mo3d4h5m6s7ms8us9ns", 14, 3, 14_706_007_008_009L, "1y2mo3d4h5m6s7ms8us9ns")]
    [InlineData("3µs", 0, 0, 3_000L, "3us")]
    [InlineData("12MO", 12, 0, 0L, "1y")]
    [InlineData("PT0S", 0, 0, 0L, "")]
    public void DurationsParseInAllThreeForms(string text, int months, int days, long nanos, string printed)
    {
        byte[] bytes = CqlType.Duration.FromString(text);
        Assert.Equal(new CqlDuration(months, days, nanos), CqlType.Duration.Compose(bytes));
        Assert.Equal(printed, CqlType.Duration.ToCqlString(bytes));
    }

    [Fact]
    public void DurationIsThreeZigZagVInts()
    {
        Assert.Equal("020406", Hex(CqlType.Duration.Decompose(new CqlDuration(1, 2, 3))));
        Assert.Equal("010305", Hex(CqlType.Duration.Decompose(new CqlDuration(-1, -2, -3))));
    }

    [Theory]
    [InlineData("10m5h", "Invalid duration. The minutes should be after hours")]
    [InlineData("1d1d", "Invalid duration. The days are specified multiple times")]
    [InlineData("xyz", "Unable to convert 'xyz' to a duration")]
    [InlineData("1h30", "Unable to convert '1h30' to a duration")]
    [InlineData("P1Q", "Unable to convert 'P1Q' to a duration")]
    [InlineData("178956971y", "Invalid duration. The total number of months must be less or equal to 2147483647")]
    public void BadDurationsAreRejectedWithCassandraMessages(string text, string message)
    {
        var e = Assert.Throws<MarshalException>(() => CqlType.Duration.FromString(text));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("int", "x", "Unable to make int from 'x'")]
    [InlineData("int", "2147483648", "Unable to make int from '2147483648'")]
    [InlineData("bigint", "1.5", "Unable to make long from '1.5'")]
    [InlineData("smallint", "40000", "Unable to make short from '40000'")]
    [InlineData("tinyint", "128", "Unable to make byte from '128'")]
    [InlineData("varint", "abc", "unable to make int from 'abc'")]
    [InlineData("decimal", "1.2.3", "unable to make BigDecimal from '1.2.3'")]
    [InlineData("float", "one", "Unable to make float from 'one'")]
    [InlineData("double", "two", "Unable to make double from 'two'")]
    [InlineData("boolean", "yes", "Unable to make boolean from 'yes'")]
    [InlineData("uuid", "nope", "Unable to make UUID from 'nope'")]
    [InlineData("timeuuid", "00112233-4455-6677-8899-aabbccddeeff", "TimeUUID supports only version 1 UUIDs")]
    [InlineData("timeuuid", "zzz", "Unknown timeuuid representation: zzz")]
    [InlineData("inet", "not-an-ip", "Unable to make inet address from 'not-an-ip'")]
    [InlineData("blob", "abc", "cannot parse 'abc' as hex bytes")]
    [InlineData("timestamp", "2020-13-01", "Unable to coerce '2020-13-01' to a formatted date (long)")]
    [InlineData("timestamp", "99999999999999999999", "Unable to make long (for date) from: '99999999999999999999'")]
    [InlineData("date", "2020-02-30", "Unable to coerce '2020-02-30' to a formatted date (long)")]
    [InlineData("date", "4294967296", "Unable to make unsigned int (for date) from: '4294967296'")]
    [InlineData("time", "24:00:00", "(TimeType) Unable to coerce '24:00:00' to a formatted time (long)")]
    [InlineData("time", "86400000000000", "Unable to make long (for time) from: '86400000000000'")]
    [InlineData("ascii", "é", "Invalid ASCII character in string literal: java.nio.charset.UnmappableCharacterException: Input length = 1")]
    public void FromStringRejectionsCarryCassandraMessages(string typeName, string input, string message)
    {
        var e = Assert.Throws<MarshalException>(() => CqlType.ParseName(typeName).FromString(input));
        Assert.Equal(message, e.Message);
    }
}
