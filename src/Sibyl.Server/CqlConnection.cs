using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Sibyl.Coordinator;

namespace Sibyl.Server;

/// <summary>
/// A client socket: reads through a <see cref="PipeReader"/> and hands the buffered bytes to its
/// <see cref="ProtocolSession"/>, which writes responses to the socket's <see cref="PipeWriter"/>.
/// </summary>
internal sealed class CqlConnection
{
    private readonly Socket _socket;
    private readonly ProtocolSession _session;
    private readonly PipeReader _input;
    private readonly ILogger _logger;

    public CqlConnection(Socket socket, IQueryProcessor processor, CqlServerOptions options, EventNotifier notifier, ILogger logger)
    {
        _socket = socket;
        _logger = logger;
        var stream = new NetworkStream(socket, ownsSocket: false);
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        _session = new ProtocolSession(processor, options, notifier, output, socket.RemoteEndPoint, logger);
    }

    public ProtocolSession Session => _session;

    /// <summary>Reads until the client disconnects, the session closes, or <paramref name="ct"/> stops the server.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!_session.IsClosing)
            {
                var result = await _input.ReadAsync(ct).ConfigureAwait(false);
                var buffer = result.Buffer;
                long consumed = _session.Consume(buffer);
                _input.AdvanceTo(buffer.GetPosition(consumed), buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                    break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            _logger.LogDebug(e, "Connection from {Remote} ended", _socket.RemoteEndPoint);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Unexpected error on connection from {Remote}", _socket.RemoteEndPoint);
        }
        finally
        {
            await _input.CompleteAsync().ConfigureAwait(false);
            try
            {
                await _session.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogDebug(e, "Error closing the session of {Remote}", _socket.RemoteEndPoint);
            }
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
            _socket.Dispose();
        }
    }
}
