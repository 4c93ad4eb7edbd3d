using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Common.Errors;
using Sibyl.Coordinator;
using Sibyl.Protocol;

namespace Sibyl.Server;

/// <summary>
/// One client connection's protocol state machine. <see cref="Consume"/> takes whatever complete frames a buffer
/// holds and reports the bytes used; requests on different streams run concurrently and their responses go,
/// in completion order, through one writer loop so frames never interleave. The session never touches a socket:
/// input is handed in, output is a <see cref="PipeWriter"/>, so tests and benchmarks drive it with in-memory pipes.
/// </summary>
public sealed class ProtocolSession
{
    private readonly IQueryProcessor _processor;
    private readonly CqlServerOptions _options;
    private readonly EventNotifier _notifier;
    private readonly PipeWriter _output;
    private readonly EndPoint? _remoteAddress;
    private readonly ILogger _logger;
    private readonly SupportedMessage _supported;
    private readonly Channel<OutgoingFrame> _outgoing =
        Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _writer;
    private readonly List<OutgoingFrame> _corked = [];
    private volatile int _consumingThread;

    private byte _version;
    private ClientState? _state;
    private volatile ConnectionStage _stage = ConnectionStage.Established;
    private volatile IFrameCompressor? _compressor;
    private long _discardRemaining;
    private int _inFlight;
    private volatile bool _isClosing;

    public ProtocolSession(IQueryProcessor processor, CqlServerOptions options, EventNotifier notifier, PipeWriter output,
        EndPoint? remoteAddress = null, ILogger? logger = null)
    {
        _processor = processor;
        _options = options;
        _notifier = notifier;
        _output = output;
        _remoteAddress = remoteAddress;
        _logger = logger ?? NullLogger.Instance;
        _supported = new SupportedMessage(new Dictionary<string, IReadOnlyList<string>>
        {
            [SupportedMessage.ProtocolVersions] = ProtocolVersions.Names,
            [StartupMessage.CqlVersion] = [options.CqlVersion],
            [StartupMessage.Compression] = FrameCompressors.Names,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Set once the session met an unrecoverable header: the caller stops reading and calls <see cref="CloseAsync"/>.</summary>
    public bool IsClosing => _isClosing;

    public ConnectionStage Stage => _stage;

    /// <summary>The connection's state once its first frame fixed the protocol version; null before.</summary>
    public ClientState? State => _state;

    /// <summary>Requests currently executing.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Consumes every complete frame at the start of <paramref name="buffer"/>; returns the bytes used. Responses
    /// ready before it returns leave together, after the last frame: one wake of the writer and one socket write
    /// for a whole receive of pipelined requests instead of one each.
    /// </summary>
    public long Consume(in ReadOnlySequence<byte> buffer)
    {
        _consumingThread = Environment.CurrentManagedThreadId;
        try
        {
            return ConsumeFrames(buffer);
        }
        finally
        {
            _consumingThread = 0;
            foreach (var frame in _corked) _outgoing.Writer.TryWrite(frame);
            _corked.Clear();
        }
    }

    private long ConsumeFrames(in ReadOnlySequence<byte> buffer)
    {
        long total = 0;
        var remaining = buffer;
        while (!_isClosing)
        {
            if (_discardRemaining > 0)
            {
                // The rest of an oversized frame: skip it as it arrives.
                long skip = Math.Min(_discardRemaining, remaining.Length);
                _discardRemaining -= skip;
                total += skip;
                remaining = remaining.Slice(skip);
                if (_discardRemaining > 0)
                    break;
            }

            var status = FrameReader.TryReadFrame(remaining, _options.MaxFrameLength, expectResponses: false,
                out var header, out var body, out long consumed);
            if (status == FrameReadStatus.Incomplete)
                break;
            total += consumed;
            remaining = remaining.Slice(consumed);
            switch (status)
            {
                case FrameReadStatus.UnsupportedVersion:
                    // Answer in a version the client can read: its own if older than ours, else our newest (as
                    // Cassandra does); the "unsupported protocol version" text is what makes drivers downgrade.
                    byte answerVersion = header.Version < ProtocolVersions.Min ? header.Version : ProtocolVersions.Max;
                    Fatal(new ProtocolException(ProtocolVersions.InvalidVersionMessage(header.Version)), header.Stream, answerVersion);
                    break;
                case FrameReadStatus.InvalidHeader:
                    Fatal(new ProtocolException(InvalidHeaderMessage(header)), header.Stream, header.Version);
                    break;
                case FrameReadStatus.TooLarge:
                    // Only this stream fails: answer now and skip the body; the connection carries on. Cassandra
                    // answers Invalid, not ProtocolError: drivers close the connection on a ProtocolError.
                    if (!CheckVersion(header))
                        break;
                    _discardRemaining = header.Length;
                    Send(new ErrorMessage(new InvalidRequestException(
                        $"Request is too big: length {consumed + header.Length} exceeds maximum allowed length {_options.MaxFrameLength}.")), header.Stream);
                    break;
                case FrameReadStatus.Frame:
                    if (CheckVersion(header))
                        HandleFrame(header, body);
                    break;
            }
        }
        return total;
    }

    private bool CheckVersion(in FrameHeader header)
    {
        if (_version == 0)
        {
            _version = header.Version;
            _state = new ClientState(_remoteAddress, header.Version);
        }
        else if (header.Version != _version)
        {
            Fatal(new ProtocolException($"Invalid message version. Got {header.Version} but previous messages on this connection had version {_version}"),
                header.Stream, _version);
            return false;
        }
        return true;
    }

    private static string InvalidHeaderMessage(in FrameHeader header)
    {
        if (header.IsResponse)
            return "Invalid request direction: the response bit is set";
        if (header.Length < 0)
            return $"Invalid frame body length {header.Length}";
        return $"Unknown opcode {(int)header.Opcode}";
    }

    private void Fatal(RequestException error, short stream, byte version)
    {
        _isClosing = true;
        Enqueue(new OutgoingFrame(new ErrorMessage(error), version, stream, null));
    }

    private void HandleFrame(in FrameHeader header, in ReadOnlySequence<byte> body)
    {
        short stream = header.Stream;
        Message message;
        try
        {
            message = FrameCodec.Decode(header, body, _compressor, _options.MaxFrameLength);
            ValidateStage(message.Opcode);
        }
        catch (RequestException e)
        {
            Send(new ErrorMessage(e), stream);
            return;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Unexpected error decoding {Opcode} from {Remote}", header.Opcode, _remoteAddress);
            Send(new ErrorMessage(new ServerErrorException(e.Message, e)), stream);
            return;
        }

        switch (message)
        {
            case OptionsMessage:
                Send(_supported, stream);
                break;
            case StartupMessage startup:
                HandleStartup(startup, stream);
                break;
            case RegisterMessage register:
                HandleRegister(register, stream);
                break;
            default:
                Execute((RequestMessage)message, stream);
                break;
        }
    }

    private void ValidateStage(Opcode opcode)
    {
        switch (_stage)
        {
            case ConnectionStage.Established when opcode is not (Opcode.Startup or Opcode.Options):
                throw new ProtocolException($"Unexpected message {OpcodeTable.NameOf(opcode)}, expecting STARTUP or OPTIONS");
            case ConnectionStage.Authenticating when opcode != Opcode.AuthResponse:
                throw new ProtocolException($"Unexpected message {OpcodeTable.NameOf(opcode)}, expecting SASL_RESPONSE");
            case ConnectionStage.Ready when opcode == Opcode.Startup:
                throw new ProtocolException("Unexpected message STARTUP, the connection is already initialized");
        }
    }

    private void HandleStartup(StartupMessage startup, short stream)
    {
        IFrameCompressor? compressor;
        try
        {
            compressor = ValidateStartup(startup.Options);
        }
        catch (RequestException e)
        {
            Send(new ErrorMessage(e), stream);
            return;
        }
        var state = _state!;
        state.DriverName = startup.Options.GetValueOrDefault(StartupMessage.DriverName);
        state.DriverVersion = startup.Options.GetValueOrDefault(StartupMessage.DriverVersion);
        state.Compression = compressor?.Name;
        if (_options.Authenticator.RequireAuthentication)
        {
            _stage = ConnectionStage.Authenticating;
            Send(new AuthenticateMessage(_options.Authenticator.ClassName), stream);
        }
        else
        {
            _stage = ConnectionStage.Ready;
            Send(new ReadyMessage(), stream);
        }
        // The answer to STARTUP goes out uncompressed (it was queued with no compressor); compression starts after it.
        _compressor = compressor;
    }

    private static IFrameCompressor? ValidateStartup(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue(StartupMessage.CqlVersion, out string? cqlVersion))
            throw new ProtocolException("Missing value CQL_VERSION in STARTUP message");
        int dot = cqlVersion.IndexOf('.');
        if (!int.TryParse(dot < 0 ? cqlVersion : cqlVersion[..dot], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out int major))
            throw new ProtocolException($"Invalid version value: {cqlVersion}");
        if (major < 3)
            throw new ProtocolException($"CQL version {cqlVersion} is no longer supported; use 3.0.0 or higher");
        if (!options.TryGetValue(StartupMessage.Compression, out string? compression))
            return null;
        return FrameCompressors.Find(compression)
            ?? throw new ProtocolException($"Unknown compression algorithm: {compression.ToLowerInvariant()}");
    }

    private void HandleRegister(RegisterMessage register, short stream)
    {
        var types = EventType.None;
        foreach (string name in register.EventTypes)
        {
            types |= name switch
            {
                "TOPOLOGY_CHANGE" => EventType.TOPOLOGY_CHANGE,
                "STATUS_CHANGE" => EventType.STATUS_CHANGE,
                "SCHEMA_CHANGE" => EventType.SCHEMA_CHANGE,
                _ => EventType.None,
            };
            if (name is not ("TOPOLOGY_CHANGE" or "STATUS_CHANGE" or "SCHEMA_CHANGE"))
            {
                Send(new ErrorMessage(new ProtocolException($"Invalid value '{name}' for Type")), stream);
                return;
            }
        }
        _notifier.Register(this, types);
        Send(new ReadyMessage(), stream);
    }

    private void Execute(RequestMessage request, short stream)
    {
        if (Interlocked.Increment(ref _inFlight) > _options.MaxInFlightRequestsPerConnection)
        {
            Finish();
            Send(new ErrorMessage(new OverloadedException(
                $"Too many requests in flight on this connection (limit {_options.MaxInFlightRequestsPerConnection})")), stream);
            return;
        }

        ValueTask<ResponseMessage> pending;
        try
        {
            pending = Dispatch(request);
        }
        catch (Exception e)
        {
            Complete(ErrorFor(e, request), stream);
            return;
        }
        if (pending.IsCompletedSuccessfully)
        {
            Complete(pending.Result, stream);
            return;
        }
        _ = AwaitAsync(pending, request, stream);
    }

    private async Task AwaitAsync(ValueTask<ResponseMessage> pending, RequestMessage request, short stream)
    {
        ResponseMessage response;
        try
        {
            response = await pending.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            response = ErrorFor(e, request);
        }
        Complete(response, stream);
    }

    private void Complete(ResponseMessage response, short stream)
    {
        Send(response, stream);
        Finish();
    }

    private void Finish()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _isClosing)
            _drained.TrySetResult();
    }

    private ValueTask<ResponseMessage> Dispatch(RequestMessage request)
    {
        var state = _state!;
        var ct = _closing.Token;
        return request switch
        {
            QueryMessage query => Widen(_processor.QueryAsync(query, state, ct)),
            PrepareMessage prepare => Widen(_processor.PrepareAsync(prepare, state, ct)),
            ExecuteMessage execute => Widen(_processor.ExecuteAsync(execute, state, ct)),
            BatchMessage batch => Widen(_processor.BatchAsync(batch, state, ct)),
            AuthResponseMessage auth => AuthenticateAsync(auth, state, ct),
            _ => throw new ProtocolException($"Unexpected message {OpcodeTable.NameOf(request.Opcode)}"),
        };
    }

    private static ValueTask<ResponseMessage> Widen(ValueTask<ResultMessage> result) =>
        result.IsCompletedSuccessfully ? new ValueTask<ResponseMessage>(result.Result) : WidenAsync(result);

    private static async ValueTask<ResponseMessage> WidenAsync(ValueTask<ResultMessage> result) => await result.ConfigureAwait(false);

    private async ValueTask<ResponseMessage> AuthenticateAsync(AuthResponseMessage auth, ClientState state, CancellationToken ct)
    {
        var (user, password) = SaslPlainToken.Parse(auth.Token);
        if (!await _options.Authenticator.AuthenticateAsync(user, password, _remoteAddress, ct).ConfigureAwait(false))
            throw new AuthenticationException($"Provided username {user} and/or password are incorrect");
        state.User = user;
        _stage = ConnectionStage.Ready;
        return new AuthSuccessMessage(null);
    }

    private ErrorMessage ErrorFor(Exception exception, RequestMessage request)
    {
        if (exception is RequestException requestException)
            return new ErrorMessage(requestException);
        if (exception is OperationCanceledException && _closing.IsCancellationRequested)
            return new ErrorMessage(new ServerErrorException("The connection is closing"));
        _logger.LogError(exception, "Unexpected error executing {Opcode} from {Remote}", request.Opcode, _remoteAddress);
        return new ErrorMessage(new ServerErrorException($"{exception.GetType().FullName}: {exception.Message}", exception));
    }

    /// <summary>Queues an EVENT on stream -1 (called by <see cref="EventNotifier"/>).</summary>
    internal void PushEvent(EventMessage message) => Send(message, -1);

    private void Send(ResponseMessage message, short stream) =>
        Enqueue(new OutgoingFrame(message, _version == 0 ? ProtocolVersions.Max : _version, stream, _compressor));

    /// <summary>Queues a frame for the writer; held back until the end of <see cref="Consume"/> when made by it.</summary>
    private void Enqueue(in OutgoingFrame frame)
    {
        if (_consumingThread == Environment.CurrentManagedThreadId) _corked.Add(frame);
        else _outgoing.Writer.TryWrite(frame);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                // Requests still executing (say, writers released together by one commit log sync) are likely
                // to answer within moments: let them queue first, so they share this socket write.
                if (Volatile.Read(ref _inFlight) > 0) await Task.Yield();
                while (reader.TryRead(out var frame))
                    WriteFrame(frame);
                var flush = await _output.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug(e, "Connection to {Remote} closed while writing", _remoteAddress);
        }
        finally
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void WriteFrame(in OutgoingFrame frame)
    {
        try
        {
            FrameCodec.Write(_output, frame.Message, frame.Version, frame.Stream, frame.Compressor);
        }
        catch (Exception e) when (frame.Message is not ErrorMessage)
        {
            // A response that cannot be encoded (e.g. a row with the wrong cell count) must not kill the connection.
            _logger.LogError(e, "Cannot encode {Opcode} for {Remote}", frame.Message.Opcode, _remoteAddress);
            var error = new ErrorMessage(new ServerErrorException($"{e.GetType().FullName}: {e.Message}", e));
            FrameCodec.Write(_output, error, frame.Version, frame.Stream, frame.Compressor);
        }
    }

    /// <summary>
    /// Stops the session: cancels executing requests and waits for them, leaves the event notifier, then
    /// writes every queued response and completes the output.
    /// </summary>
    public Task CloseAsync()
    {
        var close = new Lazy<Task>(CloseCoreAsync);
        return (Interlocked.CompareExchange(ref _close, close, null) ?? close).Value;
    }

    private Lazy<Task>? _close;

    private async Task CloseCoreAsync()
    {
        _isClosing = true;
        _notifier.Unregister(this);
        await _closing.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _inFlight) == 0)
            _drained.TrySetResult();
        await _drained.Task.ConfigureAwait(false);
        _outgoing.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _closing.Dispose();
    }

    private readonly record struct OutgoingFrame(ResponseMessage Message, byte Version, short Stream, IFrameCompressor? Compressor);
}
