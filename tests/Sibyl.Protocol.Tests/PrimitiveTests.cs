using System.Net;
using Sibyl.Common;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol.Tests;

public class PrimitiveTests
{
    private delegate void WriteAction(ref CqlWriter writer);

    private static byte[] Write(int size, WriteAction action)
    {
        var buffer = new byte[size];
        var writer = new CqlWriter(buffer);
        action(ref writer);
        Assert.Equal(size, writer.Position);
        return buffer;
    }

    [Fact]
    public void Integers()
    {
        byte[] bytes = Write(1 + 2 + 4 + 8, (ref CqlWriter w) =>
        {
            w.WriteByte(0xAB);
            w.WriteShort(0xFFFE);
            w.WriteInt(-123456);
            w.WriteLong(long.MinValue + 1);
        });
        Assert.Equal(Convert.FromHexString("ABFFFEFFFE1DC08000000000000001"), bytes);
        var reader = new CqlReader(bytes);
        Assert.Equal(0xAB, reader.ReadByte());
        Assert.Equal(0xFFFE, reader.ReadShort());
        Assert.Equal(-123456, reader.ReadInt());
        Assert.Equal(long.MinValue + 1, reader.ReadLong());
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [InlineData("")]
    [InlineData("system_schema")]
    [InlineData("ünïcødé ✓ 𝄞")]
    public void Strings(string value)
    {
        byte[] bytes = Write(CqlWriter.SizeOfString(value) + CqlWriter.SizeOfLongString(value), (ref CqlWriter w) =>
        {
            w.WriteString(value);
            w.WriteLongString(value);
        });
        var reader = new CqlReader(bytes);
        Assert.Equal(value, reader.ReadString());
        Assert.Equal(value, reader.ReadLongString());
    }

    [Fact]
    public void UuidIsNetworkOrder()
    {
        var uuid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        byte[] bytes = Write(16, (ref CqlWriter w) => w.WriteUuid(uuid));
        Assert.Equal(Convert.FromHexString("00112233445566778899AABBCCDDEEFF"), bytes);
        Assert.Equal(uuid, new CqlReader(bytes).ReadUuid());
    }

    [Fact]
    public void BytesValuesAndShortBytes()
    {
        byte[] data = [1, 2, 3];
        int size = CqlWriter.SizeOfBytes(data) + CqlWriter.SizeOfBytes(null) + CqlWriter.SizeOfValue(data)
                   + CqlWriter.SizeOfValue(null) + CqlWriter.SizeOfValue(QueryOptions.Unset) + CqlWriter.SizeOfValue([])
                   + CqlWriter.SizeOfShortBytes(data);
        byte[] bytes = Write(size, (ref CqlWriter w) =>
        {
            w.WriteBytes(data);
            w.WriteBytes(null);
            w.WriteValue(data);
            w.WriteValue(null);
            w.WriteValue(QueryOptions.Unset);
            w.WriteValue([]);
            w.WriteShortBytes(data);
        });
        Assert.Equal(Convert.FromHexString("00000003010203" + "FFFFFFFF" + "00000003010203" + "FFFFFFFF" + "FFFFFFFE" + "00000000" + "0003010203"), bytes);
        var reader = new CqlReader(bytes);
        Assert.Equal(data, reader.ReadBytes());
        Assert.Null(reader.ReadBytes());
        Assert.Equal(data, reader.ReadValue());
        Assert.Null(reader.ReadValue());
        Assert.Same(QueryOptions.Unset, reader.ReadValue());
        var empty = reader.ReadValue();
        Assert.NotNull(empty);
        Assert.Empty(empty);
        Assert.NotSame(QueryOptions.Unset, empty);
        Assert.Equal(data, reader.ReadShortBytes());
    }

    [Fact]
    public void ValueLengthBelowMinusTwoIsAProtocolError()
    {
        Assert.Throws<ProtocolException>(() => new CqlReader(Convert.FromHexString("FFFFFFFD")).ReadValue());
    }

    [Fact]
    public void Inet()
    {
        var v4 = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 9042);
        var v6 = new IPEndPoint(IPAddress.Parse("::1"), 19042);
        byte[] bytes = Write(CqlWriter.SizeOfInet(v4) + CqlWriter.SizeOfInet(v6), (ref CqlWriter w) =>
        {
            w.WriteInet(v4);
            w.WriteInet(v6);
        });
        Assert.Equal(Convert.FromHexString("047F00000200002352"), bytes[..9]);
        var reader = new CqlReader(bytes);
        Assert.Equal(v4, reader.ReadInet());
        Assert.Equal(v6, reader.ReadInet());
    }

    [Fact]
    public void Consistency()
    {
        byte[] bytes = Write(2, (ref CqlWriter w) => w.WriteConsistency(ConsistencyLevel.LocalOne));
        Assert.Equal(Convert.FromHexString("000A"), bytes);
        Assert.Equal(ConsistencyLevel.LocalOne, new CqlReader(bytes).ReadConsistency());
        Assert.Throws<ProtocolException>(() => new CqlReader(Convert.FromHexString("000B")).ReadConsistency());
    }

    [Fact]
    public void ListsAndMaps()
    {
        IReadOnlyList<string> list = ["a", "bc"];
        var map = new Dictionary<string, string> { ["k"] = "v", ["CQL_VERSION"] = "3.0.0" };
        var multimap = new Dictionary<string, IReadOnlyList<string>> { ["COMPRESSION"] = ["lz4", "snappy"], ["E"] = [] };
        var bytesMap = new Dictionary<string, byte[]?> { ["x"] = [9], ["n"] = null };
        int size = CqlWriter.SizeOfStringList(list) + CqlWriter.SizeOfStringMap(map)
                   + CqlWriter.SizeOfStringMultimap(multimap) + CqlWriter.SizeOfBytesMap(bytesMap);
        byte[] bytes = Write(size, (ref CqlWriter w) =>
        {
            w.WriteStringList(list);
            w.WriteStringMap(map);
            w.WriteStringMultimap(multimap);
            w.WriteBytesMap(bytesMap);
        });
        Assert.Equal(Convert.FromHexString("0002000161000262" + "63"), bytes[..9]);
        var reader = new CqlReader(bytes);
        Assert.Equal(list, reader.ReadStringList());
        Assert.Equal(map, reader.ReadStringMap());
        var readMultimap = reader.ReadStringMultimap();
        Assert.Equal(multimap.Keys, readMultimap.Keys);
        Assert.Equal(multimap["COMPRESSION"], readMultimap["COMPRESSION"]);
        Assert.Empty(readMultimap["E"]);
        var readBytesMap = reader.ReadBytesMap();
        Assert.Equal([9], readBytesMap["x"]!);
        Assert.Null(readBytesMap["n"]);
        Assert.Equal(0, reader.Remaining);
    }

    public static TheoryData<ProtocolDataType> Types() =>
    [
        ProtocolDataType.Int,
        ProtocolDataType.Varchar,
        ProtocolDataType.Duration,
        ProtocolDataType.Custom("org.apache.cassandra.db.marshal.DynamicCompositeType"),
        ProtocolDataType.List(ProtocolDataType.Timeuuid),
        ProtocolDataType.Set(ProtocolDataType.Ascii),
        ProtocolDataType.Map(ProtocolDataType.Varchar, ProtocolDataType.List(ProtocolDataType.Blob)),
        ProtocolDataType.Tuple([ProtocolDataType.Int, ProtocolDataType.Map(ProtocolDataType.Inet, ProtocolDataType.Date)]),
        ProtocolDataType.Udt("ks", "address", ["street", "zip"], [ProtocolDataType.Varchar, ProtocolDataType.Set(ProtocolDataType.Int)]),
    ];

    [Theory]
    [MemberData(nameof(Types))]
    public void OptionRoundTrip(ProtocolDataType type)
    {
        byte[] bytes = Write(CqlWriter.SizeOfOption(type), (ref CqlWriter w) => w.WriteOption(type));
        var reader = new CqlReader(bytes);
        Assert.Equal(type, reader.ReadOption());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void OptionGoldenBytes()
    {
        var type = ProtocolDataType.Map(ProtocolDataType.Varchar, ProtocolDataType.Int);
        byte[] bytes = Write(CqlWriter.SizeOfOption(type), (ref CqlWriter w) => w.WriteOption(type));
        Assert.Equal(Convert.FromHexString("0021000D0009"), bytes);
        Assert.Equal("map<text, int>", type.ToString());
    }

    [Fact]
    public void UnknownOrDeeplyNestedOptionIsAProtocolError()
    {
        Assert.Throws<ProtocolException>(() => new CqlReader(Convert.FromHexString("000A")).ReadOption());
        Assert.Throws<ProtocolException>(() => new CqlReader(Convert.FromHexString("0099")).ReadOption());
        var nested = new byte[2 * 200 + 2];
        for (int i = 0; i < 200; i++)
            nested[2 * i + 1] = 0x20;
        nested[^1] = 0x09;
        Assert.Throws<ProtocolException>(() => new CqlReader(nested).ReadOption());
    }

    [Fact]
    public void TruncatedPrimitivesAreProtocolErrors()
    {
        Assert.Throws<ProtocolException>(() => new CqlReader([0x00]).ReadShort());
        Assert.Throws<ProtocolException>(() => new CqlReader([0, 0, 0]).ReadInt());
        Assert.Throws<ProtocolException>(() => new CqlReader([0, 5, 0x41]).ReadString());
        Assert.Throws<ProtocolException>(() => new CqlReader([0x7F, 0xFF, 0xFF, 0xFF]).ReadLongString());
        Assert.Throws<ProtocolException>(() => new CqlReader([0x80, 0, 0, 0]).ReadLongString());
        Assert.Throws<ProtocolException>(() => new CqlReader([0, 0, 0, 9, 1]).ReadBytes());
        Assert.Throws<ProtocolException>(() => new CqlReader([5, 1, 2, 3, 4, 5, 0, 0, 0, 1]).ReadInet());
        Assert.Throws<ProtocolException>(() => new CqlReader([0xFF, 0xFF]).ReadStringList());
    }
}
