using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Host.Configuration;
using Sibyl.Host.Node;
using Sibyl.Protocol;
using Sibyl.Server;

namespace Sibyl.Benchmarks;

/// <summary>
/// The request path without a socket: EXECUTE frames go into a protocol session as bytes, the RESULT frame is
/// read back from its output pipe. Measures parsing, execution against memtables and response writing, with
/// allocations per request (MemoryDiagnoser).
/// </summary>
[MemoryDiagnoser]
public class RequestPathBenchmarks
{
    private string _dataDirectory = "";
    private SibylNode _node = null!;
    private ProtocolSession _session = null!;
    private Pipe _output = null!;
    private byte[] _insertFrame = [];
    private byte[] _selectFrame = [];

    [GlobalSetup]
    public void Setup()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "sibyl-bench-" + Guid.NewGuid().ToString("N"));
        _node = new SibylNode(new SibylConfig { DataDirectory = _dataDirectory }, NullLoggerFactory.Instance);
        // The storage engine refuses writes until started (commit log replayed and opened).
        _node.Storage.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _output = new Pipe();
        _session = new ProtocolSession(_node.Processor, new CqlServerOptions(), _node.Events, _output.Writer);

        Roundtrip(Frame(new StartupMessage(new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0" }), 0));
        Roundtrip(Frame(new QueryMessage("CREATE KEYSPACE bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", QueryOptions.Default), 1));
        Roundtrip(Frame(new QueryMessage("CREATE TABLE bench.kv (k bigint PRIMARY KEY, v blob)", QueryOptions.Default), 2));
        var insertId = PreparedId(Frame(new PrepareMessage("INSERT INTO bench.kv (k, v) VALUES (?, ?)"), 3));
        var selectId = PreparedId(Frame(new PrepareMessage("SELECT k, v FROM bench.kv WHERE k = ?"), 4));

        var key = new byte[8];
        key[7] = 42;
        var value = new byte[100];
        _insertFrame = Frame(new ExecuteMessage(insertId, new QueryOptions { Consistency = ConsistencyLevel.One, Values = [key, value] }), 5);
        _selectFrame = Frame(new ExecuteMessage(selectId, new QueryOptions { Consistency = ConsistencyLevel.One, Values = [key], SkipMetadata = true }), 6);
        Roundtrip(_insertFrame);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.CloseAsync().GetAwaiter().GetResult();
        _node.Storage.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    [Benchmark]
    public long PreparedInsert() => Roundtrip(_insertFrame);

    [Benchmark]
    public long PreparedSelectByKey() => Roundtrip(_selectFrame);

    private static byte[] Frame(Message message, short stream)
    {
        var buffer = new ArrayBufferWriter<byte>();
        FrameCodec.Write(buffer, message, ProtocolVersions.V4, stream, null);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Feeds one request frame and waits for one complete response frame; returns its length.</summary>
    private long Roundtrip(byte[] frame) => Roundtrip(frame, keep: false).Length;

    private Message RoundtripMessage(byte[] frame)
    {
        var bytes = Roundtrip(frame, keep: true).Bytes!;
        var sequence = new ReadOnlySequence<byte>(bytes);
        FrameReader.TryReadFrame(sequence, int.MaxValue, expectResponses: true, out var header, out var body, out _);
        return FrameCodec.Decode(header, body, null, int.MaxValue);
    }

    private (long Length, byte[]? Bytes) Roundtrip(byte[] frame, bool keep)
    {
        _session.Consume(new ReadOnlySequence<byte>(frame));
        while (true)
        {
            // Polled, not awaited: an awaited read would count the harness's own task and thread-pool hop.
            ReadResult result;
            while (!_output.Reader.TryRead(out result)) Thread.Yield();
            var buffer = result.Buffer;
            var status = FrameReader.TryReadFrame(buffer, int.MaxValue, expectResponses: true, out _, out _, out long consumed);
            if (status == FrameReadStatus.Frame)
            {
                byte[]? bytes = keep ? buffer.Slice(0, consumed).ToArray() : null;
                _output.Reader.AdvanceTo(buffer.GetPosition(consumed));
                return (consumed, bytes);
            }
            _output.Reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private byte[] PreparedId(byte[] prepareFrame) =>
        RoundtripMessage(prepareFrame) is PreparedResultMessage prepared ? prepared.Id : throw new InvalidOperationException("expected a PREPARED result");
}
