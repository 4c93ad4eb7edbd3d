using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Sibyl.Common.Errors;
using Sibyl.Protocol;

namespace Sibyl.Client.Tests;

/// <summary>
/// A test-only CQL server: accepts connections on a loopback port, answers STARTUP and OPTIONS itself and
/// hands every other request to <see cref="Handler"/>. Requests are handled concurrently, so a handler that
/// waits lets later requests overtake it (out-of-order responses on different stream ids).
/// </summary>
internal sealed class FakeCqlServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    public FakeCqlServer(IPAddress? address = null, int port = 0)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, port);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Answers QUERY/PREPARE/EXECUTE; the default knows system.local (with <see cref="Tokens"/>) and system.peers.</summary>
    public Func<Message, Task<ResponseMessage>>? Handler { get; set; }

    public IReadOnlyList<string> Tokens { get; set; } = ["0"];

    /// <summary>(peer, rpc_address, tokens) rows for system.peers.</summary>
    public List<(IPAddress Peer, IReadOnlyList<string> Tokens)> Peers { get; } = [];

    public ConcurrentQueue<(FrameHeader Header, Message Message)> Received { get; } = new();

    public IReadOnlyDictionary<string, string>? StartupOptions { get; private set; }

    public int ConnectionCount;

    public static ColumnSpecification Column(string name, ProtocolDataType type, string table = "t") => new("ks", table, name, type);

    public static RowsResultMessage Rows(IReadOnlyList<ColumnSpecification> columns, IReadOnlyList<byte[]?[]> rows, byte[]? pagingState = null) =>
        new(new ResultMetadata(columns, pagingState), rows);

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref ConnectionCount);
                lock (_connections)
                    _connections.Add(ServeAsync(socket));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream);
        var writeLock = new SemaphoreSlim(1, 1);
        IFrameCompressor? compressor = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token);
                var buffer = result.Buffer;
                while (FrameReader.TryReadFrame(buffer, int.MaxValue, expectResponses: false, out var header, out var body, out long consumed) == FrameReadStatus.Frame)
                {
                    var message = FrameCodec.Decode(header, body, compressor, int.MaxValue);
                    buffer = buffer.Slice(consumed);
                    Received.Enqueue((header, message));
                    if (message is StartupMessage startup)
                    {
                        StartupOptions = startup.Options;
                        await SendAsync(stream, writeLock, new ReadyMessage(), header.Stream, null);
                        if (startup.Options.TryGetValue(StartupMessage.Compression, out var name))
                            compressor = FrameCompressors.Find(name);
                        continue;
                    }
                    var activeCompressor = compressor;
                    _ = Task.Run(async () =>
                    {
                        ResponseMessage response;
                        try
                        {
                            response = await HandleAsync(message);
                        }
                        catch (RequestException e)
                        {
                            response = new ErrorMessage(e);
                        }
                        await SendAsync(stream, writeLock, response, header.Stream, activeCompressor);
                    });
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
        }
        await reader.CompleteAsync();
    }

    private async Task<ResponseMessage> HandleAsync(Message message)
    {
        switch (message)
        {
            case OptionsMessage:
                return new SupportedMessage(new Dictionary<string, IReadOnlyList<string>> { ["CQL_VERSION"] = ["3.4.5"], ["COMPRESSION"] = ["lz4", "snappy"] });
            case QueryMessage { Query: "SELECT tokens FROM system.local" }:
                return Rows([Column("tokens", ProtocolDataType.Set(ProtocolDataType.Varchar), "local")],
                    [[CqlValueCodec.Encode(ProtocolDataType.Set(ProtocolDataType.Varchar), Tokens.ToList())]]);
            case QueryMessage { Query: "SELECT peer, rpc_address, tokens FROM system.peers" }:
                {
                    var rows = new List<byte[]?[]>();
                    foreach (var (peer, tokens) in Peers)
                        rows.Add([peer.GetAddressBytes(), peer.GetAddressBytes(), CqlValueCodec.Encode(ProtocolDataType.Set(ProtocolDataType.Varchar), tokens.ToList())]);
                    return Rows([Column("peer", ProtocolDataType.Inet, "peers"), Column("rpc_address", ProtocolDataType.Inet, "peers"),
                        Column("tokens", ProtocolDataType.Set(ProtocolDataType.Varchar), "peers")], rows);
                }
        }
        if (Handler is null)
            throw new InvalidRequestException($"The fake server has no handler for {OpcodeTable.NameOf(message.Opcode)}");
        return await Handler(message);
    }

    private static async Task SendAsync(Stream stream, SemaphoreSlim writeLock, ResponseMessage response, short streamId, IFrameCompressor? compressor)
    {
        var buffer = new ArrayBufferWriter<byte>();
        FrameCodec.Write(buffer, response, ProtocolVersions.V4, streamId, compressor);
        await writeLock.WaitAsync();
        try
        {
            await stream.WriteAsync(buffer.WrittenMemory);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
        finally
        {
            writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
            connections = [.. _connections];
        await Task.WhenAll(connections);
        _stop.Dispose();
    }
}
