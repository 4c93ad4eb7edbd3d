using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Sibyl.Admin;

/// <summary>
/// A minimal HTTP/1.1 JSON endpoint for nodetool: <c>GET /status</c>, <c>GET /info</c> and
/// <c>POST /op/{command}</c>. One request per connection (Connection: close); written on sockets
/// rather than ASP.NET so that it costs next to nothing at start-up.
/// </summary>
public sealed class AdminServer : IAsyncDisposable
{
    private static readonly TimeSpan RequestReadTimeout = TimeSpan.FromSeconds(10);

    private readonly INodeInfo _node;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Func<AdminRequest, Task<object>>> _operations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<int, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private int _nextConnectionId;

    public AdminServer(INodeInfo node, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        _node = node;
        _logger = loggerFactory.CreateLogger<AdminServer>();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The bound address once started (useful when started on port 0).</summary>
    public IPEndPoint? LocalEndPoint => (IPEndPoint?)_listener?.LocalEndpoint;

    /// <summary>
    /// Adds the handler of <c>POST /op/{command}</c>. Its result is returned as JSON
    /// <c>{"result": ...}</c>; a string result is printed verbatim by nodetool. Throw
    /// <see cref="AdminOperationException"/> to refuse the request with a message.
    /// </summary>
    public void Register(string command, Func<AdminRequest, Task<object>> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(handler);
        if (!_operations.TryAdd(command, handler))
            throw new InvalidOperationException($"Admin operation '{command}' is already registered");
    }

    public IReadOnlyCollection<string> Operations => _operations.Keys.Order(StringComparer.Ordinal).ToArray();

    public Task StartAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        if (_listener is not null)
            throw new InvalidOperationException("Admin server already started");
        var listener = new TcpListener(endpoint);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(backlog: 64);
        _listener = listener;
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
        _logger.LogInformation("Admin endpoint listening on {EndPoint}", LocalEndPoint);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, then waits for the requests in flight to finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is null)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_acceptLoop is not null)
            await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        _listener = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        TcpListener listener = _listener!;
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                _logger.LogWarning("Admin accept failed: {Error}", e.Message);
                continue;
            }

            int id = Interlocked.Increment(ref _nextConnectionId);
            Task task = ServeConnectionAsync(id, socket);
            _connections[id] = task;
            _ = task.ContinueWith((_, state) => _connections.TryRemove((int)state!, out Task? _), id,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeConnectionAsync(int id, Socket socket)
    {
        await Task.Yield();
        using (socket)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
        {
            timeout.CancelAfter(RequestReadTimeout);
            try
            {
                byte[] buffer = new byte[4096];
                int filled = 0;
                while (true)
                {
                    HttpParseStatus status = HttpRequestParser.TryParse(buffer.AsSpan(0, filled), out AdminHttpRequest? request, out _);
                    if (status == HttpParseStatus.Complete)
                    {
                        (int code, byte[] body) = await DispatchAsync(request!, _stopping.Token).ConfigureAwait(false);
                        await WriteResponseAsync(socket, code, body, timeout.Token).ConfigureAwait(false);
                        return;
                    }
                    if (status != HttpParseStatus.Incomplete)
                    {
                        int code = status == HttpParseStatus.TooLarge ? 413 : 400;
                        await WriteResponseAsync(socket, code, Error($"Malformed request ({status})"), timeout.Token).ConfigureAwait(false);
                        return;
                    }
                    if (filled == buffer.Length)
                        Array.Resize(ref buffer, buffer.Length * 2);
                    int read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                    if (read == 0)
                        return;
                    filled += read;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
                _logger.LogDebug("Admin connection {Id} closed: {Error}", id, e.Message);
            }
        }
    }

    /// <summary>Routes one request; public so the routes can be tested without a socket.</summary>
    public async Task<(int StatusCode, byte[] Body)> DispatchAsync(AdminHttpRequest request, CancellationToken cancellationToken)
    {
        string path = request.Path.TrimEnd('/');
        try
        {
            if (path is "/status" or "/info")
            {
                if (request.Method != "GET")
                    return (405, Error($"Method {request.Method} not allowed on {path}"));
                return path == "/status"
                    ? (200, JsonSerializer.SerializeToUtf8Bytes(BuildStatus(), AdminJsonContext.Default.StatusReport))
                    : (200, JsonSerializer.SerializeToUtf8Bytes(InfoReport.From(_node, _time.GetUtcNow()), AdminJsonContext.Default.InfoReport));
            }
            if (path.StartsWith("/op/", StringComparison.Ordinal))
            {
                if (request.Method != "POST")
                    return (405, Error($"Method {request.Method} not allowed on {path}"));
                return await RunOperationAsync(path["/op/".Length..], request.Body, cancellationToken).ConfigureAwait(false);
            }
            return (404, Error($"No route for {request.Method} {request.Path}"));
        }
        catch (AdminOperationException e)
        {
            return (400, Error(e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Admin request {Method} {Path} failed", request.Method, request.Path);
            return (500, Error($"{e.GetType().Name}: {e.Message}"));
        }
    }

    private StatusReport BuildStatus()
    {
        IReadOnlyList<EndpointStatus> endpoints = _node.GetEndpoints();
        var rows = new StatusRow[endpoints.Count];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = StatusRow.From(endpoints[i]);
        return new StatusReport(_node.ClusterName, rows);
    }

    private async Task<(int, byte[])> RunOperationAsync(string command, byte[] body, CancellationToken cancellationToken)
    {
        if (command.Length == 0 || command.Contains('/', StringComparison.Ordinal))
            return (404, Error($"No route for POST /op/{command}"));
        if (!_operations.TryGetValue(command, out Func<AdminRequest, Task<object>>? handler))
            return (404, Error($"Unknown operation '{command}'"));

        IReadOnlyList<string> args = [];
        if (body.Length > 0)
        {
            OperationBody? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(body, AdminJsonContext.Default.OperationBody);
            }
            catch (JsonException e)
            {
                return (400, Error($"Invalid operation body: {e.Message}"));
            }
            args = parsed?.Args ?? [];
        }

        _logger.LogInformation("Admin operation {Command} {Args}", command, string.Join(' ', args));
        object result = await handler(new AdminRequest(command, args, cancellationToken)).ConfigureAwait(false);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("result");
            JsonSerializer.Serialize(writer, result, result?.GetType() ?? typeof(object), AdminJson.Options);
            writer.WriteEndObject();
        }
        return (200, stream.ToArray());
    }

    private static byte[] Error(string message) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(message), AdminJsonContext.Default.ErrorBody);

    private static async Task WriteResponseAsync(Socket socket, int code, byte[] body, CancellationToken cancellationToken)
    {
        string reason = code switch
        {
            200 => "OK", 400 => "Bad Request", 404 => "Not Found", 405 => "Method Not Allowed",
            413 => "Content Too Large", _ => "Internal Server Error",
        };
        byte[] head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {code} {reason}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await socket.SendAsync(head, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(body, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        socket.Shutdown(SocketShutdown.Both);
    }
}
