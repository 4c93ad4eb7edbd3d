using System.Buffers.Binary;
using System.Net;
using Sibyl.Common.Errors;
using Sibyl.Protocol;

namespace Sibyl.Client.Tests;

public sealed class CqlSessionTests
{
    private static readonly byte[] StatementId = [1, 2, 3, 4];

    private static CqlClusterOptions OptionsFor(FakeCqlServer server) => new()
    {
        ContactPoints = ["127.0.0.1"],
        Port = server.Port,
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private static PreparedResultMessage KeyValuePrepared(byte[] id) => new(id,
        [FakeCqlServer.Column("key", ProtocolDataType.Bigint), FakeCqlServer.Column("value", ProtocolDataType.Blob)],
        [0], new ResultMetadata([FakeCqlServer.Column("value", ProtocolDataType.Blob)]));

    private static byte[] Long(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    [Fact]
    public async Task Handshake_sends_startup_and_reads_the_ring()
    {
        await using var server = new FakeCqlServer { Tokens = ["-100", "100"] };
        await using var session = await CqlCluster.ConnectAsync(OptionsFor(server) with { Compression = CqlCompression.Snappy });

        Assert.NotNull(server.StartupOptions);
        Assert.Equal("3.0.0", server.StartupOptions![StartupMessage.CqlVersion]);
        Assert.Equal("snappy", server.StartupOptions[StartupMessage.Compression]);
        Assert.Single(session.Hosts);
        Assert.True(session.IsTokenAware);
        // Queries after STARTUP went out compressed, and the answers (compressed too) were read.
        Assert.Contains(server.Received, r => r.Message is QueryMessage && (r.Header.Flags & FrameFlags.Compression) != 0);
    }

    [Fact]
    public async Task Prepared_execute_binds_values_and_reads_typed_rows()
    {
        await using var server = new FakeCqlServer();
        ExecuteMessage? seen = null;
        server.Handler = message => Task.FromResult<ResponseMessage>(message switch
        {
            PrepareMessage => KeyValuePrepared(StatementId),
            ExecuteMessage execute => Capture(execute),
            _ => throw new InvalidRequestException("unexpected"),
        });
        ResponseMessage Capture(ExecuteMessage execute)
        {
            seen = execute;
            // Skip-metadata was asked: answer rows without column specs, as Cassandra does.
            return new RowsResultMessage(ResultMetadata.WithoutColumns(1), [[execute.Options.Values[1]]]);
        }
        await using var session = await CqlCluster.ConnectAsync(OptionsFor(server));
        var prepared = await session.PrepareAsync("SELECT value FROM ks.t WHERE key = ? AND value = ?");
        Assert.Equal(StatementId, prepared.Id);
        Assert.Equal([(ushort)0], prepared.PartitionKeyIndexes);

        var rows = await session.ExecuteAsync(prepared, 42L, new byte[] { 9, 8, 7 });

        Assert.NotNull(seen);
        Assert.Equal(StatementId, seen!.Id);
        Assert.True(seen.Options.SkipMetadata);
        Assert.Equal(Long(42), seen.Options.Values[0]);
        Assert.Equal(ConsistencyLevel.LocalOne, seen.Options.Consistency);
        Assert.Equal(1, rows.Count);
        Assert.Equal(new byte[] { 9, 8, 7 }, rows[0].GetBytes("value"));
        Assert.Equal(new byte[] { 9, 8, 7 }, (byte[])rows[0].GetValue(0)!);
    }

    [Fact]
    public async Task Raw_values_and_options_reach_the_wire()
    {
        await using var server = new FakeCqlServer();
        var executed = new TaskCompletionSource<ExecuteMessage>();
        server.Handler = message =>
        {
            if (message is PrepareMessage)
                return Task.FromResult<ResponseMessage>(KeyValuePrepared(StatementId));
            executed.TrySetResult((ExecuteMessage)message);
            return Task.FromResult<ResponseMessage>(new VoidResultMessage());
        };
        await using var session = await CqlCluster.ConnectAsync(OptionsFor(server));
        var prepared = await session.PrepareAsync("INSERT INTO ks.t (key, value) VALUES (?, ?)");
        var result = await session.ExecuteAsync(prepared, [Long(7), null], new CqlExecutionOptions { Consistency = ConsistencyLevel.Quorum, Timestamp = 1234 });

        var execute = await executed.Task;
        Assert.Equal(0, result.Count);
        Assert.Equal(ConsistencyLevel.Quorum, execute.Options.Consistency);
        Assert.Equal(1234, execute.Options.Timestamp);
        Assert.Null(execute.Options.Values[1]);
    }

    [Fact]
    public async Task Paging_walks_every_page()
    {
        await using var server = new FakeCqlServer();
        var columns = new[] { FakeCqlServer.Column("n", ProtocolDataType.Int) };
        var pageSizes = new List<int>();
        server.Handler = message =>
        {
            var query = (QueryMessage)message;
            lock (pageSizes)
                pageSizes.Add(query.Options.PageSize);
            int start = query.Options.PagingState is { } state ? BinaryPrimitives.ReadInt32BigEndian(state) : 0;
            var rows = new List<byte[]?[]>();
            for (int n = start; n < Math.Min(start + 2, 5); n++)
                rows.Add([CqlValueCodec.Encode(ProtocolDataType.Int, n)]);
            byte[]? next = start + 2 < 5 ? CqlValueCodec.Encode(ProtocolDataType.Int, start + 2) : null;
            return Task.FromResult<ResponseMessage>(FakeCqlServer.Rows(columns, rows, next));
        };
        await using var session = await CqlCluster.ConnectAsync(OptionsFor(server));

        var first = await session.ExecuteAsync("SELECT n FROM ks.t", [], new CqlExecutionOptions { PageSize = 2 });
        Assert.Equal(2, first.Count);
        Assert.True(first.HasMorePages);
        var second = await first.FetchNextPageAsync();
        Assert.Equal(2, second![0].GetInt32(0));

        var all = new List<int>();
        await foreach (var row in first)
            all.Add(row.GetInt32("n"));
        Assert.Equal([0, 1, 2, 3, 4], all);
        Assert.All(pageSizes, size => Assert.Equal(2, size));
    }

    [Fact]
    public async Task Responses_out_of_order_complete_the_right_requests()
    {
        await using var server = new FakeCqlServer();
        var releaseSlow = new TaskCompletionSource();
        var columns = new[] { FakeCqlServer.Column("v", ProtocolDataType.Varchar) };
        server.Handler = async message =>
        {
            var query = (QueryMessage)message;
            if (query.Query == "slow")
                await releaseSlow.Task;
            return FakeCqlServer.Rows(columns, [[CqlValueCodec.Encode(ProtocolDataType.Varchar, query.Query)]]);
        };
        await using var session = await CqlCluster.ConnectAsync(OptionsFor(server));

        var slow = session.ExecuteAsync("slow").AsTask();
        var fast = new List<Task<RowSet>>();
        for (int i = 0; i < 50; i++)
            fast.Add(session.ExecuteAsync($"fast {i}").AsTask());
        var fastResults = await Task.WhenAll(fast);
        Assert.False(slow.IsCompleted);
        releaseSlow.SetResult();
        var slowResult = await slow;

        Assert.Equal("slow", slowResult[0].GetString(0));
        for (int i = 0; i < 50; i++)
            Assert.Equal($"fast {i}", fastResults[i][0].GetString("v"));
    }

    [Fact]
    public async Task Unprepared_is_answered_by_preparing_again()
    {
        await using var server = new FakeCqlServer();
        int prepares = 0, executes = 0;
        server.Handler = message =>
        {
            switch (message)
            {
                case PrepareMessage:
                    Interlocked.Increment(ref prepares);
                    return Task.FromResult<ResponseMessage>(KeyValuePrepared(StatementId));
                case ExecuteMessage execute:
                    // The first EXECUTE finds the statement evicted.
                    if (Interlocked.Increment(ref executes) == 1)
                        throw new UnpreparedException(execute.Id);
                    return Task.FromResult<ResponseMessage>(new VoidResultMessage());
                default:
                    throw new InvalidRequestException("unexpected");
            }
        };
        await using var session = await CqlCluster.ConnectAsync(OptionsFor(server));
        var prepared = await session.PrepareAsync("INSERT INTO ks.t (key, value) VALUES (?, ?)");

        await session.ExecuteAsync(prepared, 1L, new byte[] { 1 });

        Assert.Equal(2, prepares);
        Assert.Equal(2, executes);
    }

    [Fact]
    public async Task Server_errors_become_common_exceptions()
    {
        await using var server = new FakeCqlServer
        {
            Handler = _ => throw new WriteTimeoutException(ConsistencyLevel.Quorum, 1, 2, WriteType.SIMPLE, "Operation timed out"),
        };
        await using var session = await CqlCluster.ConnectAsync(OptionsFor(server));

        var error = await Assert.ThrowsAsync<WriteTimeoutException>(async () => await session.ExecuteAsync("INSERT"));
        Assert.Equal(ConsistencyLevel.Quorum, error.Consistency);
        Assert.Equal(2, error.BlockFor);
    }

    [Fact]
    public async Task A_request_without_answer_times_out_and_its_late_answer_is_harmless()
    {
        await using var server = new FakeCqlServer();
        var release = new TaskCompletionSource();
        server.Handler = async message =>
        {
            if (((QueryMessage)message).Query == "hang")
                await release.Task;
            return new VoidResultMessage();
        };
        await using var session = await CqlCluster.ConnectAsync(OptionsFor(server) with { RequestTimeout = TimeSpan.FromMilliseconds(200) });

        await Assert.ThrowsAsync<TimeoutException>(async () => await session.ExecuteAsync("hang"));
        release.SetResult();
        await Task.Delay(100);
        // The connection survives and its stream ids are still usable.
        for (int i = 0; i < 5; i++)
            await session.ExecuteAsync("ok");
    }

    [Fact]
    public async Task Unreachable_contact_points_fail_with_no_host_available()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        await Assert.ThrowsAsync<NoHostAvailableException>(() =>
            CqlCluster.ConnectAsync(new CqlClusterOptions { ContactPoints = ["127.0.0.1"], Port = port }));
    }
}
