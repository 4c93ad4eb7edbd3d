using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Host.Configuration;
using Sibyl.Host.Node;
using Sibyl.Protocol;
using Sibyl.Server;
using Xunit.Abstractions;

namespace Sibyl.Host.Tests.Performance;

/// <summary>
/// Allocation budgets of the request path, measured as bench/Sibyl.Benchmarks does (EXECUTE frames fed to a
/// protocol session as bytes, RESULT frames read back, no socket): bytes allocated by the process per request
/// (decoding and executing run on the test thread, encoding on the session's writer loop), with no other test
/// running. Not a timing test: a change that allocates more per request than the budget fails here.
/// </summary>
[Collection(AllocationBudgetCollection.Name)]
public sealed class AllocationBudgetTests(ITestOutputHelper output) : IDisposable
{
    // Measured per request (fourth session): INSERT 744 B, SELECT 913 B (from 2,030 B and 2,350 B at its start,
    // 3,985 B and 3,832 B before the third); the budgets keep about 20% headroom. What is left: the decoded
    // request (options, bound values, query state) and the mutation or read command with its row and cells.
    private const long InsertBudget = 900;
    private const long SelectBudget = 1_100;
    private const int Requests = 2_000;
    private const byte ResultOpcode = 0x08;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sibyl-alloc-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task PreparedInsertAndSelectStayWithinTheirAllocationBudgets()
    {
        var node = new SibylNode(new SibylConfig { DataDirectory = _dataDirectory }, NullLoggerFactory.Instance);
        await node.Storage.StartAsync(CancellationToken.None);
        var pipe = new Pipe();
        var session = new ProtocolSession(node.Processor, new CqlServerOptions(), node.Events, pipe.Writer);
        var harness = new Harness(session, pipe.Reader);
        harness.Roundtrip(Frame(new StartupMessage(new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0" }), 0));
        harness.Roundtrip(Frame(new QueryMessage("CREATE KEYSPACE bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", QueryOptions.Default), 1));
        harness.Roundtrip(Frame(new QueryMessage("CREATE TABLE bench.kv (k bigint PRIMARY KEY, v blob)", QueryOptions.Default), 2));
        var insertId = harness.Prepared(Frame(new PrepareMessage("INSERT INTO bench.kv (k, v) VALUES (?, ?)"), 3));
        var selectId = harness.Prepared(Frame(new PrepareMessage("SELECT k, v FROM bench.kv WHERE k = ?"), 4));
        var key = new byte[8];
        key[7] = 42;
        var insert = Frame(new ExecuteMessage(insertId, new QueryOptions { Consistency = ConsistencyLevel.One, Values = [key, new byte[100]] }), 5);
        var select = Frame(new ExecuteMessage(selectId, new QueryOptions { Consistency = ConsistencyLevel.One, Values = [key], SkipMetadata = true }), 6);

        long insertBytes = harness.AllocatedPerRequest(insert, Requests);
        long selectBytes = harness.AllocatedPerRequest(select, Requests);
        output.WriteLine($"allocated per request: INSERT {insertBytes} B, SELECT {selectBytes} B");
        Assert.Equal(ResultOpcode, harness.LastOpcode);
        Assert.True(insertBytes <= InsertBudget, $"prepared INSERT allocates {insertBytes} B per request (budget {InsertBudget})");
        Assert.True(selectBytes <= SelectBudget, $"prepared SELECT allocates {selectBytes} B per request (budget {SelectBudget})");
        await session.CloseAsync();
        await node.Storage.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static byte[] Frame(Message message, short stream)
    {
        var buffer = new ArrayBufferWriter<byte>();
        FrameCodec.Write(buffer, message, ProtocolVersions.V4, stream, null);
        return buffer.WrittenSpan.ToArray();
    }

    private sealed class Harness(ProtocolSession session, PipeReader responses)
    {
        public byte LastOpcode { get; private set; }

        /// <summary>Warms up, then averages the bytes the process allocated over <paramref name="count"/> requests.</summary>
        public long AllocatedPerRequest(byte[] frame, int count)
        {
            for (int i = 0; i < 200; i++) Roundtrip(frame);
            if (LastOpcode != ResultOpcode) throw new InvalidOperationException($"request answered with opcode {LastOpcode}, not RESULT");
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < count; i++) Roundtrip(frame);
            return (GC.GetTotalAllocatedBytes(precise: true) - before) / count;
        }

        public byte[] Prepared(byte[] frame)
        {
            var bytes = Roundtrip(frame, keep: true)!;
            FrameReader.TryReadFrame(new ReadOnlySequence<byte>(bytes), int.MaxValue, expectResponses: true, out var header, out var body, out _);
            return FrameCodec.Decode(header, body, null, int.MaxValue) is PreparedResultMessage prepared
                ? prepared.Id
                : throw new InvalidOperationException("expected a PREPARED result");
        }

        public void Roundtrip(byte[] frame) => Roundtrip(frame, keep: false);

        private byte[]? Roundtrip(byte[] frame, bool keep)
        {
            session.Consume(new ReadOnlySequence<byte>(frame));
            while (true)
            {
                // Polled, not awaited: an awaited read would count the harness's own task and thread-pool hop.
                ReadResult result;
                while (!responses.TryRead(out result)) Thread.Yield();
                var buffer = result.Buffer;
                if (FrameReader.TryReadFrame(buffer, int.MaxValue, expectResponses: true, out _, out _, out long consumed) == FrameReadStatus.Frame)
                {
                    byte[]? bytes = keep ? buffer.Slice(0, consumed).ToArray() : null;
                    LastOpcode = buffer.Slice(4, 1).FirstSpan[0];
                    responses.AdvanceTo(buffer.GetPosition(consumed));
                    return bytes;
                }
                responses.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }
}

/// <summary>Allocation budgets count every thread's allocations: nothing else may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationBudgetCollection
{
    public const string Name = "allocation budgets";
}
