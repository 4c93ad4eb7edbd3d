using System.Buffers.Binary;
using Sibyl.Data.Types;

namespace Sibyl.Data.Tests.Types;

public class ComparisonTests
{
    // Asserts the values (given in ascending order) compare strictly ascending, pairwise and antisymmetrically.
    private static void AssertAscending(CqlType type, params byte[][] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(0, type.Compare(values[i], values[i]));
            for (int j = i + 1; j < values.Length; j++)
            {
                Assert.True(type.Compare(values[i], values[j]) < 0, $"{type}: #{i} should sort before #{j}");
                Assert.True(type.Compare(values[j], values[i]) > 0, $"{type}: #{j} should sort after #{i}");
            }
        }
    }

    private static byte[][] Values(CqlType type, params object[] values) => [[], .. values.Select(type.Decompose)];

    [Fact]
    public void SignedNumbersOrderNumericallyWithEmptyFirst()
    {
        AssertAscending(CqlType.Int, Values(CqlType.Int, int.MinValue, -1, 0, 1, int.MaxValue));
        AssertAscending(CqlType.BigInt, Values(CqlType.BigInt, long.MinValue, -1L, 0L, 1L, long.MaxValue));
        AssertAscending(CqlType.Timestamp, Values(CqlType.Timestamp, -1000L, 0L, 1000L));
        AssertAscending(CqlType.SmallInt, CqlType.SmallInt.Decompose((short)-1), CqlType.SmallInt.Decompose((short)0), CqlType.SmallInt.Decompose((short)300));
        AssertAscending(CqlType.TinyInt, CqlType.TinyInt.Decompose((sbyte)-128), CqlType.TinyInt.Decompose((sbyte)0), CqlType.TinyInt.Decompose((sbyte)127));
    }

    [Fact]
    public void FloatsOrderAsJavaCompare()
    {
        AssertAscending(CqlType.Float, Values(CqlType.Float, float.NegativeInfinity, -1f, -0.0f, 0.0f, 1e-30f, 1f, float.PositiveInfinity, float.NaN));
        AssertAscending(CqlType.Double, Values(CqlType.Double, double.NegativeInfinity, -1.0, -0.0, 0.0, 1.0, double.PositiveInfinity, double.NaN));
    }

    [Fact]
    public void VarintsAndDecimalsOrderNumerically()
    {
        AssertAscending(CqlType.Varint, Values(CqlType.Varint,
            System.Numerics.BigInteger.Parse("-100000000000000000000"), -129, -1, 0, 127, 128, System.Numerics.BigInteger.Pow(2, 70)));
        AssertAscending(CqlType.Decimal, [], CqlType.Decimal.FromString("-1E+3"), CqlType.Decimal.FromString("-1"),
            CqlType.Decimal.FromString("0.001"), CqlType.Decimal.FromString("1.99"), CqlType.Decimal.FromString("2"), CqlType.Decimal.FromString("2.0001"));
        Assert.Equal(0, CqlType.Decimal.Compare(CqlType.Decimal.FromString("1.5"), CqlType.Decimal.FromString("1.500")));
    }

    [Fact]
    public void VarintsWithRedundantSignBytesCompareByValue()
    {
        var random = new Random(11);
        for (int i = 0; i < 500; i++)
        {
            var a = new System.Numerics.BigInteger(random.NextInt64(long.MinValue, long.MaxValue)) >> random.Next(0, 60);
            var b = new System.Numerics.BigInteger(random.NextInt64(long.MinValue, long.MaxValue)) >> random.Next(0, 60);
            byte[] pa = Pad(CqlType.Varint.Decompose(a), random.Next(0, 3));
            byte[] pb = Pad(CqlType.Varint.Decompose(b), random.Next(0, 3));
            Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(CqlType.Varint.Compare(pa, pb)));
        }

        static byte[] Pad(byte[] v, int extra) =>
            [.. Enumerable.Repeat((sbyte)v[0] < 0 ? (byte)0xFF : (byte)0x00, extra), .. v];
    }

    [Fact]
    public void TextAsciiBlobAndInetOrderByUnsignedBytes()
    {
        AssertAscending(CqlType.Text, Values(CqlType.Text, "", "A", "Z", "a", "ab", "é", "\U0001F600")[1..]);
        AssertAscending(CqlType.Ascii, Values(CqlType.Ascii, "", "a", "b")[1..]);
        AssertAscending(CqlType.Blob, [], [0x00], [0x00, 0x00], [0x7F], [0x80], [0xFF]);
        AssertAscending(CqlType.Inet, [], CqlType.Inet.FromString("::1"), CqlType.Inet.FromString("10.0.0.1"), CqlType.Inet.FromString("10.0.0.2"), CqlType.Inet.FromString("fe80::1"));
    }

    [Fact]
    public void BooleansDatesAndTimes()
    {
        AssertAscending(CqlType.Boolean, [], [0], [1]);
        AssertAscending(CqlType.Date, CqlType.Date.FromString("-0001-01-01"), CqlType.Date.FromString("1969-12-31"),
            CqlType.Date.FromString("1970-01-01"), CqlType.Date.FromString("2020-01-31"));
        AssertAscending(CqlType.Time, CqlType.Time.FromString("00:00:00"), CqlType.Time.FromString("00:00:00.000000001"), CqlType.Time.FromString("23:59:59"));
    }

    private static byte[] TimeUuid(long timestamp, byte clockHigh)
    {
        var b = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(b, (uint)timestamp);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), (ushort)(timestamp >> 32));
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(6), (ushort)(0x1000 | ((timestamp >> 48) & 0x0FFF)));
        b[8] = clockHigh;
        return b;
    }

    [Fact]
    public void TimeuuidsOrderByTimestampThenSignedBytes()
    {
        // time_low is the first field on the wire but the least significant part of the timestamp.
        byte[] early = TimeUuid(0x0000_0001_FFFF_FFFFL, 0x00);
        byte[] later = TimeUuid(0x0000_0002_0000_0000L, 0x00);
        Assert.True(early.AsSpan().SequenceCompareTo(later) > 0);
        AssertAscending(CqlType.Timeuuid, [], early, later);
        // Same timestamp: the low half compares as signed bytes, so 0x80 < 0x00.
        AssertAscending(CqlType.Timeuuid, TimeUuid(5, 0x80), TimeUuid(5, 0x00), TimeUuid(5, 0x7F));
        // UUIDType compares the low half unsigned.
        AssertAscending(CqlType.Uuid, TimeUuid(5, 0x00), TimeUuid(5, 0x7F), TimeUuid(5, 0x80));
    }

    [Fact]
    public void UuidsOrderByVersionFirst()
    {
        byte[] v1 = TimeUuid(long.MaxValue >> 4, 0xFF);
        byte[] v4a = UuidBytes.FromGuid(Guid.Parse("00000000-0000-4000-8000-000000000000"));
        byte[] v4b = UuidBytes.FromGuid(Guid.Parse("ffffffff-0000-4000-8000-000000000000"));
        AssertAscending(CqlType.Uuid, [], v1, v4a, v4b);
    }

    [Fact]
    public void FrozenCollectionsOrderElementByElementThenBySize()
    {
        var list = new ListType(CqlType.Int, isMultiCell: false);
        AssertAscending(list, [], list.Decompose(new List<int>()), list.Decompose(new[] { -5 }), list.Decompose(new[] { 1 }),
            list.Decompose(new[] { 1, 0 }), list.Decompose(new[] { 1, 2 }), list.Decompose(new[] { 2 }));
        var map = new MapType(CqlType.Text, CqlType.Int, isMultiCell: false);
        AssertAscending(map,
            map.Decompose(new Dictionary<string, int> { ["a"] = 1 }),
            map.Decompose(new Dictionary<string, int> { ["a"] = 2 }),
            map.Decompose(new Dictionary<string, int> { ["a"] = 2, ["b"] = 0 }),
            map.Decompose(new Dictionary<string, int> { ["b"] = 0 }));
    }

    [Fact]
    public void TuplesOrderComponentWiseWithNullFirst()
    {
        var tuple = new TupleType([CqlType.Int, CqlType.Text]);
        AssertAscending(tuple, [],
            tuple.Decompose(new object?[] { null, "z" }),
            tuple.Decompose(new object?[] { -1, "z" }),
            tuple.Decompose(new object?[] { 0, null }),
            tuple.Decompose(new object?[] { 0, "a" }),
            tuple.Decompose(new object?[] { 0, "b" }));
        // A missing trailing component equals a null one.
        Assert.Equal(0, tuple.Compare(tuple.Decompose(new object?[] { 1 }), tuple.Decompose(new object?[] { 1, null })));
    }
}
