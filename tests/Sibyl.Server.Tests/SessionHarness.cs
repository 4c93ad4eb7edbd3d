using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Sibyl.Common;
using Sibyl.Protocol;

namespace Sibyl.Server.Tests;

/// <summary>Drives a <see cref="ProtocolSession"/> with in-memory pipes: encodes requests in, decodes responses out.</summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    private readonly Pipe _output = new();
    private readonly List<byte> _pendingInput = [];
    private ReadOnlySequence<byte> _unread = ReadOnlySequence<byte>.Empty;

    public SessionHarness(CqlServerOptions? options = null, EventNotifier? notifier = null, FakeQueryProcessor? processor = null)
    {
        Processor = processor ?? new FakeQueryProcessor();
        Notifier = notifier ?? new EventNotifier();
        Options = options ?? new CqlServerOptions();
        Session = new ProtocolSession(Processor, Options, Notifier, _output.Writer);
    }

    public FakeQueryProcessor Processor { get; }

    public EventNotifier Notifier { get; }

    public CqlServerOptions Options { get; }

    public ProtocolSession Session { get; }

    public IFrameCompressor? Compressor { get; set; }

    public byte Version { get; set; } = ProtocolVersions.V4;

    public static byte[] Frame(RequestMessage message, short stream, byte version = ProtocolVersions.V4, IFrameCompressor? compressor = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        FrameCodec.Write(buffer, message, version, stream, compressor);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends bytes to the input and lets the session consume what it can, keeping the rest, as a pipe would.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        _pendingInput.AddRange(bytes);
        long consumed = Session.Consume(new ReadOnlySequence<byte>(_pendingInput.ToArray()));
        _pendingInput.RemoveRange(0, (int)consumed);
    }

    public int PendingInput => _pendingInput.Count;

    public void Send(RequestMessage message, short stream) => Feed(Frame(message, stream, Version, Compressor));

    public void Query(string text, short stream) => Send(new QueryMessage(text, QueryOptions.Default), stream);

    public async Task HandshakeAsync(string? compression = null)
    {
        var options = new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0", ["DRIVER_NAME"] = "test-driver", ["DRIVER_VERSION"] = "1.2" };
        if (compression is not null)
            options["COMPRESSION"] = compression;
        Send(new StartupMessage(options), 0);
        var (header, ready) = await ReceiveAsync();
        Assert.IsType<ReadyMessage>(ready);
        Assert.Equal(FrameFlags.None, header.Flags);
        if (compression is not null)
            Compressor = FrameCompressors.Find(compression);
    }

    /// <summary>The next response frame, decoded with the negotiated compressor.</summary>
    public async Task<(FrameHeader Header, ResponseMessage Message)> ReceiveAsync(int timeoutMs = 5000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            if (!_unread.IsEmpty)
            {
                var status = FrameReader.TryReadFrame(_unread, int.MaxValue, expectResponses: true, out var header, out var body, out long consumed);
                if (status == FrameReadStatus.Frame)
                {
                    var message = (ResponseMessage)FrameCodec.Decode(header, body, Compressor, int.MaxValue);
                    _unread = _unread.Slice(consumed);
                    return (header, message);
                }
                Assert.Equal(FrameReadStatus.Incomplete, status);
            }
            var result = await _output.Reader.ReadAsync(cts.Token);
            // Copy out so the pipe can be advanced; tests read small amounts.
            var copy = new byte[_unread.Length + result.Buffer.Length];
            _unread.CopyTo(copy);
            result.Buffer.CopyTo(copy.AsSpan((int)_unread.Length));
            _unread = new ReadOnlySequence<byte>(copy);
            _output.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted && result.Buffer.IsEmpty)
                throw new InvalidOperationException("The session completed its output");
        }
    }

    public async Task<T> ReceiveAsync<T>(short expectedStream) where T : ResponseMessage
    {
        var (header, message) = await ReceiveAsync();
        Assert.Equal(expectedStream, header.Stream);
        return Assert.IsType<T>(message);
    }

    /// <summary>True when the output completed (the session closed the connection) with no further frame.</summary>
    public async Task<bool> OutputCompletedAsync()
    {
        using var cts = new CancellationTokenSource(5000);
        var result = await _output.Reader.ReadAsync(cts.Token);
        bool done = result.IsCompleted && result.Buffer.IsEmpty && _unread.IsEmpty;
        _output.Reader.AdvanceTo(result.Buffer.Start);
        return done;
    }

    /// <summary>Reads every remaining frame until the output completes; returns how many there were.</summary>
    public async Task<int> DrainAsync()
    {
        int count = 0;
        while (true)
        {
            try
            {
                await ReceiveAsync();
                count++;
            }
            catch (InvalidOperationException)
            {
                return count;
            }
        }
    }

    public static string Text(RowsResultMessage rows) => Encoding.UTF8.GetString(rows.Rows[0][0]!);

    public async ValueTask DisposeAsync() => await Session.CloseAsync();
}
