using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Protocol;

namespace Sibyl.Client;

/// <summary>
/// One socket to one host, multiplexing up to <see cref="CqlClusterOptions.MaxRequestsPerConnection"/> requests
/// by stream id. Senders encode frames into a shared pooled buffer under a short lock; whoever finds the socket
/// idle flushes, so concurrent requests leave in one write. A single read loop decodes responses and completes
/// the waiting slot of each stream id, in whatever order the server answers.
/// </summary>
internal sealed class CqlConnection : IAsyncDisposable
{
    private const int InitialSendBufferSize = 16 * 1024;

    private readonly Socket _socket;
    private readonly CqlClusterOptions _options;
    private readonly byte _version;
    private readonly IFrameCompressor? _negotiatedCompressor;
    private readonly StreamSlot?[] _slots;
    private readonly short[] _freeStreams;
    private readonly Lock _streamLock = new();
    private readonly Lock _sendLock = new();
    private readonly long _timeoutTicks;
    private readonly CancellationTokenSource _closing = new();
    private readonly Timer _timeoutScanner;
    private SendBuffer _pending = new(InitialSendBufferSize);
    private SendBuffer _spare = new(InitialSendBufferSize);
    private IFrameCompressor? _compressor;
    private bool _flushing;
    private int _freeCount;
    private int _nextFresh;
    private int _inFlight;
    private Exception? _failure;
    private Task _readLoop = Task.CompletedTask;

    private CqlConnection(Socket socket, IPEndPoint endpoint, CqlClusterOptions options)
    {
        _socket = socket;
        _options = options;
        Endpoint = endpoint;
        _version = options.ProtocolVersion;
        int streams = Math.Clamp(options.MaxRequestsPerConnection, 1, 32768);
        _slots = new StreamSlot?[streams];
        _freeStreams = new short[streams];
        _timeoutTicks = (long)(options.RequestTimeout.TotalSeconds * Stopwatch.Frequency);
        _negotiatedCompressor = options.Compression switch
        {
            CqlCompression.Lz4 => Lz4FrameCompressor.Instance,
            CqlCompression.Snappy => SnappyFrameCompressor.Instance,
            _ => null,
        };
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.RequestTimeout.TotalMilliseconds / 8, 10, 250));
        _timeoutScanner = new Timer(static state => ((CqlConnection)state!).ExpireTimedOut(), this, period, period);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>Requests sent and not yet answered (timed-out ones included until their response arrives).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public bool IsFailed => Volatile.Read(ref _failure) is not null;

    /// <summary>Connects, runs STARTUP (and USE when a keyspace is configured), and returns a ready connection.</summary>
    public static async Task<CqlConnection> OpenAsync(IPEndPoint endpoint, CqlClusterOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        CqlConnection? connection = null;
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(options.ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"Connecting to {endpoint} timed out after {options.ConnectTimeout.TotalMilliseconds} ms");
                }
            }
            connection = new CqlConnection(socket, endpoint, options);
            connection._readLoop = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
            await connection.StartupAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            if (connection is not null)
                await connection.DisposeAsync().ConfigureAwait(false);
            else
                socket.Dispose();
            throw;
        }
    }

    private async Task StartupAsync(CancellationToken cancellationToken)
    {
        var startup = new Dictionary<string, string>
        {
            [StartupMessage.CqlVersion] = "3.0.0",
            [StartupMessage.DriverName] = "Sibyl.Client",
            [StartupMessage.DriverVersion] = "1.0",
        };
        if (_negotiatedCompressor is not null)
            startup[StartupMessage.Compression] = _negotiatedCompressor.Name;
        var response = await SendAsync(new StartupMessage(startup), cancellationToken).ConfigureAwait(false);
        switch (response)
        {
            case ReadyMessage:
                break;
            case AuthenticateMessage authenticate:
                throw new AuthenticationException($"The server requires authentication ({authenticate.Authenticator}), which Sibyl.Client does not support yet");
            case ErrorMessage error:
                throw error.Error;
            default:
                throw new ProtocolException($"Unexpected {OpcodeTable.NameOf(response.Opcode)} in answer to STARTUP");
        }
        _compressor = _negotiatedCompressor;
        if (_options.Keyspace is { } keyspace)
        {
            var use = await SendAsync(new QueryMessage($"USE \"{keyspace.Replace("\"", "\"\"")}\"", QueryOptions.Default), cancellationToken).ConfigureAwait(false);
            if (use is ErrorMessage useError)
                throw useError.Error;
        }
    }

    /// <summary>Sends one request and waits for its response (an <see cref="ErrorMessage"/> is returned, not thrown).</summary>
    public ValueTask<Message> SendAsync(RequestMessage message, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _failure) is { } failure)
            return ValueTask.FromException<Message>(new IOException($"Connection to {Endpoint} is closed", failure));
        var slot = AcquireSlot();
        if (slot is null)
            return ValueTask.FromException<Message>(new InvalidOperationException($"All {_slots.Length} stream ids of the connection to {Endpoint} are in use"));
        var pending = slot.Start(Stopwatch.GetTimestamp() + _timeoutTicks, cancellationToken);
        bool startFlush = false;
        try
        {
            lock (_sendLock)
            {
                FrameCodec.Write(_pending, message, _version, slot.Stream, message.Opcode == Opcode.Startup ? null : _compressor);
                if (!_flushing)
                {
                    _flushing = true;
                    startFlush = true;
                }
            }
        }
        catch (Exception e)
        {
            // Nothing reached the wire: no response will come, so release the wire's share of the slot.
            slot.TrySetException(e);
            slot.OnResponse(null);
            return pending;
        }
        if (startFlush)
            _ = FlushAsync();
        return pending;
    }

    private async Task FlushAsync()
    {
        try
        {
            while (true)
            {
                SendBuffer batch;
                lock (_sendLock)
                {
                    if (_pending.WrittenCount == 0)
                    {
                        _flushing = false;
                        return;
                    }
                    batch = _pending;
                    _pending = _spare;
                    _spare = batch;
                }
                var memory = batch.WrittenMemory;
                while (memory.Length > 0)
                {
                    int sent = await _socket.SendAsync(memory, SocketFlags.None, _closing.Token).ConfigureAwait(false);
                    memory = memory[sent..];
                }
                batch.Clear();
                batch.Trim(InitialSendBufferSize);
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false), new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    var status = FrameReader.TryReadFrame(buffer, _options.MaxFrameLength, expectResponses: true,
                        out var header, out var body, out long consumed);
                    if (status == FrameReadStatus.Incomplete)
                        break;
                    if (status != FrameReadStatus.Frame)
                        throw new ProtocolException($"Unreadable frame from {Endpoint}: {status} (opcode {(int)header.Opcode}, length {header.Length})");
                    Dispatch(header, body);
                    buffer = buffer.Slice(consumed);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    throw new IOException($"{Endpoint} closed the connection");
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void Dispatch(in FrameHeader header, in ReadOnlySequence<byte> body)
    {
        if (header.Stream < 0)
            return; // server-pushed EVENT; this client does not REGISTER
        var slot = header.Stream < _slots.Length ? Volatile.Read(ref _slots[header.Stream]) : null;
        if (slot is null)
            throw new ProtocolException($"{Endpoint} answered on stream {header.Stream}, which no request used");
        Message message;
        try
        {
            message = FrameCodec.Decode(header, body, _negotiatedCompressor, _options.MaxFrameLength);
        }
        catch (ProtocolException e)
        {
            // A body this client cannot read fails its request only; the frame boundary is intact.
            slot.TrySetException(e);
            slot.OnResponse(null);
            return;
        }
        slot.OnResponse(message);
    }

    private StreamSlot? AcquireSlot()
    {
        short stream;
        lock (_streamLock)
        {
            if (_freeCount > 0)
                stream = _freeStreams[--_freeCount];
            else if (_nextFresh < _slots.Length)
                stream = (short)_nextFresh++;
            else
                return null;
        }
        Interlocked.Increment(ref _inFlight);
        var slot = _slots[stream];
        if (slot is null)
        {
            slot = new StreamSlot(this, stream);
            Volatile.Write(ref _slots[stream], slot);
        }
        return slot;
    }

    internal void ReturnStream(short stream)
    {
        Interlocked.Decrement(ref _inFlight);
        lock (_streamLock)
            _freeStreams[_freeCount++] = stream;
    }

    private void ExpireTimedOut()
    {
        long now = Stopwatch.GetTimestamp();
        int used = Volatile.Read(ref _nextFresh);
        for (int i = 0; i < used; i++)
        {
            var slot = Volatile.Read(ref _slots[i]);
            if (slot is not null && slot.IsWaiting && now > slot.Deadline)
                slot.TrySetException(new TimeoutException(
                    $"No response from {Endpoint} on stream {slot.Stream} within {_options.RequestTimeout.TotalMilliseconds} ms"));
        }
    }

    private void Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _failure, error, null) is not null)
            return;
        _closing.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        var closed = new IOException($"Connection to {Endpoint} failed: {error.Message}", error);
        int used = Volatile.Read(ref _nextFresh);
        for (int i = 0; i < used; i++)
            Volatile.Read(ref _slots[i])?.TrySetException(closed);
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new ObjectDisposedException(nameof(CqlConnection)));
        await _timeoutScanner.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the loop records its own failure
        }
        _socket.Dispose();
        lock (_sendLock)
        {
            // A flush still holding a buffer fails on the closed socket; leave its buffer to the GC.
            if (!_flushing)
            {
                _pending.Dispose();
                _spare.Dispose();
            }
        }
        _closing.Dispose();
    }
}
