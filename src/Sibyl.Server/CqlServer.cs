using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Coordinator;

namespace Sibyl.Server;

/// <summary>
/// The CQL native transport listener: accepts client connections (TCP_NODELAY) and runs each one until it ends.
/// <see cref="StopAsync"/> stops accepting, ends every connection and waits for all of them.
/// </summary>
public sealed class CqlServer : IAsyncDisposable
{
    private readonly IQueryProcessor _processor;
    private readonly CqlServerOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<CqlConnection, Task> _connections = new();
    private CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task? _acceptLoop;

    public CqlServer(IQueryProcessor processor, CqlServerOptions options, EventNotifier notifier, ILogger<CqlServer>? logger = null)
    {
        _processor = processor;
        _options = options;
        Notifier = notifier;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public EventNotifier Notifier { get; }

    /// <summary>The bound address (with the real port when <see cref="CqlServerOptions.Port"/> is 0).</summary>
    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

    public int ConnectionCount => _connections.Count;

    public Task StartAsync(CancellationToken ct = default)
    {
        if (_listener is not null)
            throw new InvalidOperationException("The server is already started");
        if (_stopping.IsCancellationRequested)
        {
            // Started again after a stop (nodetool enablebinary): a fresh token for the new accept loop.
            _stopping.Dispose();
            _stopping = new CancellationTokenSource();
        }
        var endpoint = new IPEndPoint(_options.ListenAddress, _options.Port);
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endpoint);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        _logger.LogInformation("Starting listening for CQL clients on {Endpoint}", listener.LocalEndPoint);
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task AcceptLoopAsync()
    {
        var listener = _listener!;
        var ct = _stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || ct.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException e)
            {
                _logger.LogWarning(e, "Accepting a CQL connection failed");
                continue;
            }
            socket.NoDelay = true;
            var connection = new CqlConnection(socket, _processor, _options, Notifier, _logger);
            var run = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[connection] = run.Task;
            _ = RunConnectionAsync(connection, run, ct);
        }
    }

    private async Task RunConnectionAsync(CqlConnection connection, TaskCompletionSource done, CancellationToken ct)
    {
        try
        {
            await connection.RunAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            done.TrySetResult();
        }
    }

    /// <summary>Stops accepting, closes every connection (executing requests are cancelled) and waits for them.</summary>
    public async Task StopAsync()
    {
        if (_listener is null || _stopping.IsCancellationRequested)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_acceptLoop is not null)
            await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _listener = null;
        _logger.LogInformation("Stopped listening for CQL clients");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
