using Sibyl.Common;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol.Tests;

/// <summary>Every number that reaches the wire, frozen. A change here breaks every driver.</summary>
public class GoldenValueTests
{
    [Fact]
    public void OpcodeTableIsFrozen()
    {
        var expected = new (int Id, string Name, MessageDirection Direction)[]
        {
            (0x00, "ERROR", MessageDirection.Response),
            (0x01, "STARTUP", MessageDirection.Request),
            (0x02, "READY", MessageDirection.Response),
            (0x03, "AUTHENTICATE", MessageDirection.Response),
            (0x05, "OPTIONS", MessageDirection.Request),
            (0x06, "SUPPORTED", MessageDirection.Response),
            (0x07, "QUERY", MessageDirection.Request),
            (0x08, "RESULT", MessageDirection.Response),
            (0x09, "PREPARE", MessageDirection.Request),
            (0x0A, "EXECUTE", MessageDirection.Request),
            (0x0B, "REGISTER", MessageDirection.Request),
            (0x0C, "EVENT", MessageDirection.Response),
            (0x0D, "BATCH", MessageDirection.Request),
            (0x0E, "AUTH_CHALLENGE", MessageDirection.Response),
            (0x0F, "AUTH_RESPONSE", MessageDirection.Request),
            (0x10, "AUTH_SUCCESS", MessageDirection.Response),
        };
        Assert.Equal(expected.Length, OpcodeTable.Entries.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            var entry = OpcodeTable.Entries[i];
            Assert.Equal(expected[i].Id, (int)entry.Opcode);
            Assert.Equal(expected[i].Name, entry.Name);
            Assert.Equal(expected[i].Direction, entry.Direction);
        }
        Assert.False(OpcodeTable.IsKnown((Opcode)0x04)); // CREDENTIALS, v1 only
        Assert.False(OpcodeTable.IsKnown((Opcode)0x11));
    }

    [Fact]
    public void FrameFlagsAreFrozen()
    {
        Assert.Equal(0x01, (int)FrameFlags.Compression);
        Assert.Equal(0x02, (int)FrameFlags.Tracing);
        Assert.Equal(0x04, (int)FrameFlags.CustomPayload);
        Assert.Equal(0x08, (int)FrameFlags.Warning);
        Assert.Equal(0x10, (int)FrameFlags.UseBeta);
    }

    [Fact]
    public void ErrorCodesAreFrozen()
    {
        var expected = new Dictionary<ErrorCode, int>
        {
            [ErrorCode.ServerError] = 0x0000, [ErrorCode.ProtocolError] = 0x000A, [ErrorCode.BadCredentials] = 0x0100,
            [ErrorCode.Unavailable] = 0x1000, [ErrorCode.Overloaded] = 0x1001, [ErrorCode.IsBootstrapping] = 0x1002,
            [ErrorCode.TruncateError] = 0x1003, [ErrorCode.WriteTimeout] = 0x1100, [ErrorCode.ReadTimeout] = 0x1200,
            [ErrorCode.ReadFailure] = 0x1300, [ErrorCode.FunctionFailure] = 0x1400, [ErrorCode.WriteFailure] = 0x1500,
            [ErrorCode.CdcWriteFailure] = 0x1600, [ErrorCode.CasWriteUnknown] = 0x1700, [ErrorCode.SyntaxError] = 0x2000,
            [ErrorCode.Unauthorized] = 0x2100, [ErrorCode.Invalid] = 0x2200, [ErrorCode.ConfigError] = 0x2300,
            [ErrorCode.AlreadyExists] = 0x2400, [ErrorCode.Unprepared] = 0x2500,
        };
        Assert.Equal(expected.Count, Enum.GetValues<ErrorCode>().Length);
        foreach (var (code, value) in expected)
            Assert.Equal(value, (int)code);
    }

    [Fact]
    public void ConsistencyLevelsAreFrozen()
    {
        string[] names = ["ANY", "ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_QUORUM", "EACH_QUORUM", "SERIAL", "LOCAL_SERIAL", "LOCAL_ONE"];
        var values = Enum.GetValues<ConsistencyLevel>();
        Assert.Equal(names.Length, values.Length);
        for (int i = 0; i < names.Length; i++)
            Assert.Equal(names[i], ((ConsistencyLevel)i).ToCqlName());
    }

    [Fact]
    public void DataTypeIdsAreFrozen()
    {
        var expected = new Dictionary<DataTypeId, int>
        {
            [DataTypeId.Custom] = 0, [DataTypeId.Ascii] = 1, [DataTypeId.Bigint] = 2, [DataTypeId.Blob] = 3,
            [DataTypeId.Boolean] = 4, [DataTypeId.Counter] = 5, [DataTypeId.Decimal] = 6, [DataTypeId.Double] = 7,
            [DataTypeId.Float] = 8, [DataTypeId.Int] = 9, [DataTypeId.Timestamp] = 0x0B, [DataTypeId.Uuid] = 0x0C,
            [DataTypeId.Varchar] = 0x0D, [DataTypeId.Varint] = 0x0E, [DataTypeId.Timeuuid] = 0x0F, [DataTypeId.Inet] = 0x10,
            [DataTypeId.Date] = 0x11, [DataTypeId.Time] = 0x12, [DataTypeId.Smallint] = 0x13, [DataTypeId.Tinyint] = 0x14,
            [DataTypeId.Duration] = 0x15, [DataTypeId.List] = 0x20, [DataTypeId.Map] = 0x21, [DataTypeId.Set] = 0x22,
            [DataTypeId.Udt] = 0x30, [DataTypeId.Tuple] = 0x31,
        };
        Assert.Equal(expected.Count, Enum.GetValues<DataTypeId>().Length);
        foreach (var (id, value) in expected)
            Assert.Equal(value, (int)id);
    }

    [Fact]
    public void ResultAndQueryFlagsAreFrozen()
    {
        Assert.Equal([1, 2, 3, 4, 5], Enum.GetValues<ResultKind>().Select(k => (int)k));
        Assert.Equal([0, 1, 2], Enum.GetValues<BatchType>().Select(k => (int)k));
        Assert.Equal(0x01, (int)ResultMetadataFlags.GlobalTablesSpec);
        Assert.Equal(0x02, (int)ResultMetadataFlags.HasMorePages);
        Assert.Equal(0x04, (int)ResultMetadataFlags.NoMetadata);
        Assert.Equal(0x08, (int)ResultMetadataFlags.MetadataChanged);
        Assert.Equal([0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40], Enum.GetValues<QueryFlags>().Select(f => (int)f));
    }

    [Fact]
    public void ReadyFrameBytes()
    {
        byte[] frame = FrameTestHelper.Encode(new ReadyMessage(), stream: 0x0102);
        Assert.Equal(Convert.FromHexString("840001020200000000"), frame);
    }

    [Fact]
    public void OptionsFrameBytesForV3()
    {
        byte[] frame = FrameTestHelper.Encode(new OptionsMessage(), ProtocolVersions.V3, stream: -1);
        Assert.Equal(Convert.FromHexString("0300FFFF0500000000"), frame);
    }

    [Fact]
    public void StartupFrameBytes()
    {
        var startup = new StartupMessage(new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0" });
        byte[] frame = FrameTestHelper.Encode(startup, stream: 1);
        Assert.Equal(Convert.FromHexString("040000010100000016" + "0001" + "000B43514C5F56455253494F4E" + "0005332E302E30"), frame);
    }

    [Fact]
    public void ErrorFrameBytesForUnsupportedVersion()
    {
        var error = new ErrorMessage(new ProtocolException(ProtocolVersions.InvalidVersionMessage(5)));
        byte[] frame = FrameTestHelper.Encode(error, stream: 0);
        const string text = "Invalid or unsupported protocol version (5); supported versions are (3/v3, 4/v4)";
        Assert.Equal(text, error.Error.Message);
        Assert.Equal(0x84, frame[0]);
        Assert.Equal(0x00, frame[4]);
        Assert.Equal(Convert.FromHexString("0000000A"), frame[9..13]);
        Assert.Equal(text.Length, (frame[13] << 8) | frame[14]);
    }

    [Fact]
    public void QueryBodyBytes()
    {
        var query = new QueryMessage("SELECT", new QueryOptions
        {
            Consistency = ConsistencyLevel.LocalQuorum,
            Values = [[0x2A], null, QueryOptions.Unset],
            PageSize = 100,
        });
        byte[] body = FrameTestHelper.Body(FrameTestHelper.Encode(query));
        Assert.Equal(Convert.FromHexString(
            "0000000653454C454354" + // [long string] "SELECT"
            "0006" + "05" +          // LOCAL_QUORUM, flags VALUES|PAGE_SIZE
            "0003" + "000000012A" + "FFFFFFFF" + "FFFFFFFE" +
            "00000064"), body);
    }
}
