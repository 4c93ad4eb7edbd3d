using System.Net;
using Sibyl.Common;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol.Tests;

public class MessageRoundTripTests
{
    private static readonly ColumnSpecification[] Columns =
    [
        new("ks", "users", "id", ProtocolDataType.Uuid),
        new("ks", "users", "name", ProtocolDataType.Varchar),
        new("ks", "users", "tags", ProtocolDataType.Set(ProtocolDataType.Varchar)),
    ];

    /// <summary>One instance of every message type, with non-default fields; used by the round-trip and fuzz tests.</summary>
    public static IEnumerable<Message> AllMessages()
    {
        yield return new StartupMessage(new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0", ["COMPRESSION"] = "lz4", ["DRIVER_NAME"] = "x" });
        yield return new AuthResponseMessage("\0cassandra\0cassandra"u8.ToArray());
        yield return new AuthResponseMessage(null);
        yield return new OptionsMessage();
        yield return new QueryMessage("SELECT * FROM t WHERE k = ?", new QueryOptions
        {
            Consistency = ConsistencyLevel.Quorum,
            Values = [[1, 2], null, QueryOptions.Unset, []],
            SkipMetadata = true,
            PageSize = 5000,
            PagingState = [0xCA, 0xFE],
            SerialConsistency = ConsistencyLevel.LocalSerial,
            Timestamp = 1_700_000_000_000_000,
        });
        yield return new QueryMessage("INSERT INTO t (a, b) VALUES (:a, :b)", new QueryOptions
        {
            Values = [[1], [2]],
            Names = ["a", "b"],
        });
        yield return new QueryMessage("SELECT now() FROM system.local", QueryOptions.Default) { TracingRequested = true };
        yield return new PrepareMessage("SELECT * FROM ks.users WHERE id = ?");
        yield return new ExecuteMessage([1, 2, 3, 4], new QueryOptions { Consistency = ConsistencyLevel.All, Values = [[7]] });
        yield return new BatchMessage(BatchType.Unlogged,
            [BatchQuery.Simple("INSERT INTO t (k) VALUES (?)", [[1]]), BatchQuery.Prepared([9, 9], [null, QueryOptions.Unset]), BatchQuery.Simple("DELETE FROM t WHERE k = 0")],
            ConsistencyLevel.LocalQuorum, ConsistencyLevel.Serial, 42);
        yield return new BatchMessage(BatchType.Counter, [BatchQuery.Simple("UPDATE c SET n = n + 1 WHERE k = 1")], ConsistencyLevel.One);
        yield return new RegisterMessage(["TOPOLOGY_CHANGE", "STATUS_CHANGE", "SCHEMA_CHANGE"]);

        foreach (var error in AllErrors())
            yield return new ErrorMessage(error);
        yield return new ReadyMessage();
        yield return new AuthenticateMessage(AuthenticateMessage.PasswordAuthenticator);
        yield return new SupportedMessage(new Dictionary<string, IReadOnlyList<string>>
        {
            ["PROTOCOL_VERSIONS"] = ProtocolVersions.Names,
            ["CQL_VERSION"] = ["3.4.7"],
            ["COMPRESSION"] = ["lz4", "snappy"],
        });
        yield return new VoidResultMessage();
        yield return new VoidResultMessage { Warnings = ["Aggregation query used without partition key"], CustomPayload = new Dictionary<string, byte[]?> { ["p"] = [1] } };
        yield return new VoidResultMessage { TracingId = Guid.Parse("a1b2c3d4-0000-1000-8000-00112233aabb") };
        yield return new RowsResultMessage(new ResultMetadata(Columns), [[[1], "bob"u8.ToArray(), null], [[2], [], [0, 0, 0, 0]]]);
        yield return new RowsResultMessage(new ResultMetadata(Columns, pagingState: [5, 5]), []);
        yield return new RowsResultMessage(ResultMetadata.WithoutColumns(2, [1]), [[null, [3]]]);
        yield return new RowsResultMessage(new ResultMetadata(
            [new ColumnSpecification("a", "t1", "x", ProtocolDataType.Int), new ColumnSpecification("b", "t2", "y", ProtocolDataType.Bigint)]),
            [[[0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 2]]]);
        yield return new SetKeyspaceResultMessage("ks");
        yield return new PreparedResultMessage([0xAA, 0xBB], Columns[..2], [0], new ResultMetadata(Columns));
        yield return new PreparedResultMessage([0xCC], [], [], ResultMetadata.Empty);
        yield return new SchemaChangeResultMessage(new SchemaChange(SchemaChangeType.CREATED, SchemaChangeTarget.KEYSPACE, "ks"));
        yield return new SchemaChangeResultMessage(new SchemaChange(SchemaChangeType.UPDATED, SchemaChangeTarget.TABLE, "ks", "users"));
        yield return new SchemaChangeResultMessage(new SchemaChange(SchemaChangeType.DROPPED, SchemaChangeTarget.FUNCTION, "ks", "f", ["int", "text"]));
        yield return new TopologyChangeEvent(TopologyChangeType.NEW_NODE, new IPEndPoint(IPAddress.Parse("10.0.0.2"), 9042));
        yield return new StatusChangeEvent(StatusChangeType.DOWN, new IPEndPoint(IPAddress.IPv6Loopback, 9042));
        yield return new SchemaChangeEvent(new SchemaChange(SchemaChangeType.CREATED, SchemaChangeTarget.TYPE, "ks", "address"));
        yield return new AuthChallengeMessage([1, 2]);
        yield return new AuthSuccessMessage(null);
    }

    public static IEnumerable<RequestException> AllErrors()
    {
        yield return new ServerErrorException("boom");
        yield return new ProtocolException("bad frame");
        yield return new AuthenticationException("Provided username x and/or password are incorrect");
        yield return new UnavailableException(ConsistencyLevel.Quorum, 2, 1);
        yield return new OverloadedException("busy");
        yield return new IsBootstrappingException();
        yield return new TruncateException("truncate failed");
        yield return new WriteTimeoutException(ConsistencyLevel.LocalQuorum, 1, 2, WriteType.BATCH_LOG);
        yield return new ReadTimeoutException(ConsistencyLevel.One, 0, 1, dataPresent: true);
        yield return new ReadFailureException(ConsistencyLevel.All, 1, 3, 2, dataPresent: false);
        yield return new FunctionFailureException("ks", "f", ["int"], "failed");
        yield return new WriteFailureException(ConsistencyLevel.Two, 1, 2, 1, WriteType.CAS);
        yield return new CdcWriteFailureException("cdc full");
        yield return new CasWriteUnknownException(ConsistencyLevel.Serial, 1, 2);
        yield return new SyntaxException("line 1:0 no viable alternative at input 'SELEC'");
        yield return new UnauthorizedException("no permission");
        yield return new InvalidRequestException("Keyspace 'nope' does not exist");
        yield return new ConfigurationException("bad replication");
        yield return new AlreadyExistsException("ks", "t");
        yield return new UnpreparedException([0xDE, 0xAD]);
    }

    public static TheoryData<int> MessageIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < AllMessages().Count(); i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(MessageIndexes))]
    public void EveryMessageRoundTripsInV4(int index)
    {
        var message = AllMessages().ElementAt(index);
        FrameTestHelper.RoundTrip(message);
    }

    [Theory]
    [MemberData(nameof(MessageIndexes))]
    public void EveryMessageRoundTripsInV3(int index)
    {
        var message = AllMessages().ElementAt(index);
        if (message is QueryMessage { Options.Values: var values } && values.Any(v => ReferenceEquals(v, QueryOptions.Unset)))
            return; // unset values do not exist in v3
        if (message is ErrorMessage { Error: ReadFailureException or WriteFailureException or FunctionFailureException })
            return; // converted for v3, see ErrorsForV3Clients
        FrameTestHelper.RoundTrip(message, ProtocolVersions.V3);
    }

    [Theory]
    [MemberData(nameof(MessageIndexes))]
    public void EveryMessageRoundTripsCompressed(int index)
    {
        var message = AllMessages().ElementAt(index);
        FrameTestHelper.RoundTrip(message, compressor: Lz4FrameCompressor.Instance);
        FrameTestHelper.RoundTrip(message, compressor: SnappyFrameCompressor.Instance);
    }

    [Fact]
    public void QueryFieldsSurvive()
    {
        var original = (QueryMessage)AllMessages().First(m => m is QueryMessage);
        var decoded = FrameTestHelper.RoundTrip(original);
        Assert.Equal(original.Query, decoded.Query);
        var options = decoded.Options;
        Assert.Equal(ConsistencyLevel.Quorum, options.Consistency);
        Assert.Equal(4, options.Values.Count);
        Assert.Equal([1, 2], options.Values[0]!);
        Assert.Null(options.Values[1]);
        Assert.Same(QueryOptions.Unset, options.Values[2]);
        Assert.Empty(options.Values[3]!);
        Assert.True(options.SkipMetadata);
        Assert.Equal(5000, options.PageSize);
        Assert.Equal([0xCA, 0xFE], options.PagingState!);
        Assert.Equal(ConsistencyLevel.LocalSerial, options.SerialConsistency);
        Assert.Equal(1_700_000_000_000_000, options.Timestamp);
        Assert.Null(options.Names);
    }

    [Fact]
    public void ExecuteIdsOfSixteenBytesAreDecodedIntoOneSharedArray()
    {
        byte[] id = [.. Enumerable.Range(100, 16).Select(i => (byte)i)];
        var first = FrameTestHelper.RoundTrip(new ExecuteMessage([.. id], QueryOptions.Default));
        var second = FrameTestHelper.RoundTrip(new ExecuteMessage([.. id], QueryOptions.Default));
        Assert.Equal(id, first.Id);
        Assert.Same(first.Id, second.Id);
        // Ids of other lengths are not Sibyl's: decoded as they are, each into its own array.
        var odd = FrameTestHelper.RoundTrip(new ExecuteMessage([1, 2, 3], QueryOptions.Default));
        Assert.Equal([1, 2, 3], odd.Id);
    }

    [Fact]
    public void NamedValuesSurvive()
    {
        var original = AllMessages().OfType<QueryMessage>().ElementAt(1);
        var decoded = FrameTestHelper.RoundTrip(original);
        Assert.Equal(["a", "b"], decoded.Options.Names!);
        Assert.Equal(QueryFlags.Values | QueryFlags.WithNamesForValues, QueryOptionsCodec.FlagsOf(decoded.Options));
    }

    [Fact]
    public void EnvelopeExtrasSurvive()
    {
        var withWarnings = AllMessages().OfType<VoidResultMessage>().ElementAt(1);
        byte[] frame = FrameTestHelper.Encode(withWarnings);
        Assert.Equal(FrameFlags.Warning | FrameFlags.CustomPayload, (FrameFlags)frame[1]);
        var decoded = (VoidResultMessage)FrameTestHelper.Decode(frame).Message;
        Assert.Equal(withWarnings.Warnings, decoded.Warnings);
        Assert.Equal([1], decoded.CustomPayload!["p"]!);

        var traced = AllMessages().OfType<VoidResultMessage>().ElementAt(2);
        frame = FrameTestHelper.Encode(traced);
        Assert.Equal(FrameFlags.Tracing, (FrameFlags)frame[1]);
        Assert.Equal(traced.TracingId, ((VoidResultMessage)FrameTestHelper.Decode(frame).Message).TracingId);

        var tracingRequest = AllMessages().OfType<QueryMessage>().ElementAt(2);
        frame = FrameTestHelper.Encode(tracingRequest);
        Assert.Equal(FrameFlags.Tracing, (FrameFlags)frame[1]);
        Assert.True(((QueryMessage)FrameTestHelper.Decode(frame).Message).TracingRequested);
    }

    [Fact]
    public void WarningsAreNotSentToV3Clients()
    {
        var message = new VoidResultMessage { Warnings = ["w"] };
        byte[] frame = FrameTestHelper.Encode(message, ProtocolVersions.V3);
        Assert.Equal(0, frame[1]);
    }

    [Fact]
    public void RowsAndMetadataSurvive()
    {
        var original = AllMessages().OfType<RowsResultMessage>().First();
        byte[] frame = FrameTestHelper.Encode(original);
        // flags: GLOBAL_TABLES_SPEC, since all columns come from ks.users
        Assert.Equal(Convert.FromHexString("00000002" + "00000001" + "00000003"), FrameTestHelper.Body(frame)[..12]);
        var decoded = (RowsResultMessage)FrameTestHelper.Decode(frame).Message;
        Assert.Equal(Columns, decoded.Metadata.Columns);
        Assert.Equal(2, decoded.Rows.Count);
        Assert.Equal("bob"u8.ToArray(), decoded.Rows[0][1]!);
        Assert.Null(decoded.Rows[0][2]);

        var paged = (RowsResultMessage)FrameTestHelper.Decode(FrameTestHelper.Encode(AllMessages().OfType<RowsResultMessage>().ElementAt(1))).Message;
        Assert.Equal(ResultMetadataFlags.GlobalTablesSpec | ResultMetadataFlags.HasMorePages, paged.Metadata.Flags);
        Assert.Equal([5, 5], paged.Metadata.PagingState!);

        var bare = (RowsResultMessage)FrameTestHelper.Decode(FrameTestHelper.Encode(AllMessages().OfType<RowsResultMessage>().ElementAt(2))).Message;
        Assert.True(bare.Metadata.SkipMetadata);
        Assert.Equal(2, bare.Metadata.ColumnCount);
    }

    [Fact]
    public void RowWithWrongCellCountCannotBeEncoded()
    {
        var rows = new RowsResultMessage(new ResultMetadata(Columns), [[null]]);
        Assert.Throws<InvalidOperationException>(() => FrameTestHelper.Encode(rows));
    }

    [Fact]
    public void PreparedHasPartitionKeyIndexesOnlyInV4()
    {
        var prepared = AllMessages().OfType<PreparedResultMessage>().First();
        var v4 = (PreparedResultMessage)FrameTestHelper.Decode(FrameTestHelper.Encode(prepared)).Message;
        Assert.Equal([(ushort)0], v4.PartitionKeyIndexes);
        Assert.Equal(Columns[..2], v4.Variables);
        Assert.Equal(Columns, v4.ResultMetadata.Columns);
        byte[] v3Frame = FrameTestHelper.Encode(prepared, ProtocolVersions.V3);
        Assert.Equal(FrameTestHelper.Encode(prepared).Length - 6, v3Frame.Length);
        var v3 = (PreparedResultMessage)FrameTestHelper.Decode(v3Frame).Message;
        Assert.Empty(v3.PartitionKeyIndexes);
    }

    [Fact]
    public void ErrorExtraFieldsSurvive()
    {
        var decoded = AllErrors().Select(e => ((ErrorMessage)FrameTestHelper.RoundTrip(new ErrorMessage(e))).Error).ToList();
        Assert.Equal(AllErrors().Select(e => e.GetType()), decoded.Select(e => e.GetType()));
        Assert.Equal(AllErrors().Select(e => e.Code), decoded.Select(e => e.Code));
        Assert.Equal(AllErrors().Select(e => e.Message), decoded.Select(e => e.Message));
        var timeout = decoded.OfType<WriteTimeoutException>().Single();
        Assert.Equal((ConsistencyLevel.LocalQuorum, 1, 2, WriteType.BATCH_LOG), (timeout.Consistency, timeout.Received, timeout.BlockFor, timeout.WriteType));
        var exists = decoded.OfType<AlreadyExistsException>().Single();
        Assert.Equal(("ks", "t"), (exists.Keyspace, exists.Table));
        Assert.Equal("Cannot add already existing table \"t\" to keyspace \"ks\"", exists.Message);
        Assert.Equal([0xDE, 0xAD], decoded.OfType<UnpreparedException>().Single().Id);
        var readFailure = decoded.OfType<ReadFailureException>().Single();
        Assert.Equal((3, 2, false), (readFailure.BlockFor, readFailure.Failures, readFailure.DataPresent));
        Assert.Equal("Cannot add already existing keyspace \"ks\"", new AlreadyExistsException("ks").Message);
    }

    [Fact]
    public void UnavailableGoldenBytes()
    {
        byte[] body = FrameTestHelper.Body(FrameTestHelper.Encode(new ErrorMessage(new UnavailableException(ConsistencyLevel.All, 3, 2, "x"))));
        Assert.Equal(Convert.FromHexString("00001000" + "000178" + "0005" + "00000003" + "00000002"), body);
    }

    [Fact]
    public void ErrorsForV3Clients()
    {
        var failure = new ErrorMessage(new WriteFailureException(ConsistencyLevel.One, 0, 1, 1, WriteType.SIMPLE));
        var decoded = (ErrorMessage)FrameTestHelper.Decode(FrameTestHelper.Encode(failure, ProtocolVersions.V3)).Message;
        Assert.IsType<WriteTimeoutException>(decoded.Error);
        var function = new ErrorMessage(new FunctionFailureException("ks", "f", [], "oops"));
        decoded = (ErrorMessage)FrameTestHelper.Decode(FrameTestHelper.Encode(function, ProtocolVersions.V3)).Message;
        Assert.Equal(ErrorCode.Invalid, decoded.Error.Code);
    }

    [Fact]
    public void ErrorWithCodeButNoFieldsBecomesServerError()
    {
        var error = new ErrorMessage(new RequestException(ErrorCode.Unavailable, "no fields"));
        var decoded = (ErrorMessage)FrameTestHelper.Decode(FrameTestHelper.Encode(error)).Message;
        Assert.Equal(ErrorCode.ServerError, decoded.Error.Code);
        Assert.Equal("no fields", decoded.Error.Message);
    }

    [Fact]
    public void EventsCarryTheirFields()
    {
        var topology = (TopologyChangeEvent)FrameTestHelper.RoundTrip(AllMessages().OfType<TopologyChangeEvent>().Single());
        Assert.Equal(TopologyChangeType.NEW_NODE, topology.Change);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 9042), topology.Address);
        var schema = (SchemaChangeEvent)FrameTestHelper.RoundTrip(AllMessages().OfType<SchemaChangeEvent>().Single());
        Assert.Equal((SchemaChangeType.CREATED, SchemaChangeTarget.TYPE, "ks", "address"),
            (schema.Change.Change, schema.Change.Target, schema.Change.Keyspace, schema.Change.Name));
        byte[] body = FrameTestHelper.Body(FrameTestHelper.Encode(new SchemaChangeResultMessage(new SchemaChange(SchemaChangeType.CREATED, SchemaChangeTarget.KEYSPACE, "k"))));
        Assert.Equal(Convert.FromHexString("00000005" + "0007" + "43524541544544" + "0008" + "4B45595350414345" + "00016B"), body);
    }
}
