using System.Diagnostics;
using System.Net;

namespace Sibyl.Client;

/// <summary>
/// The connections to one host. Requests take the live connection with the fewest requests in flight; a failed
/// connection is replaced in the background, at most one attempt per second, while the others carry on.
/// </summary>
internal sealed class HostPool : IAsyncDisposable
{
    private static readonly long RetryTicks = Stopwatch.Frequency;

    private readonly CqlConnection?[] _connections;
    private readonly CqlClusterOptions _options;
    private readonly CancellationTokenSource _closing = new();
    private int _reconnecting;
    private long _lastAttempt;

    private HostPool(IPEndPoint endpoint, CqlClusterOptions options)
    {
        Endpoint = endpoint;
        _options = options;
        _connections = new CqlConnection?[Math.Max(1, options.ConnectionsPerHost)];
    }

    public IPEndPoint Endpoint { get; }

    public bool IsUp
    {
        get
        {
            foreach (var connection in _connections)
            {
                if (connection is { IsFailed: false })
                    return true;
            }
            return false;
        }
    }

    /// <summary>Opens every connection of the pool; fails only when none can be opened.</summary>
    public static async Task<HostPool> OpenAsync(IPEndPoint endpoint, CqlClusterOptions options, CancellationToken cancellationToken)
    {
        var pool = new HostPool(endpoint, options);
        Exception? firstError = null;
        for (int i = 0; i < pool._connections.Length; i++)
        {
            try
            {
                pool._connections[i] = await CqlConnection.OpenAsync(endpoint, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                firstError ??= e;
                if (i == 0)
                    break;
            }
        }
        if (!pool.IsUp)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
            throw new NoHostAvailableException($"Cannot connect to {endpoint}: {firstError?.Message}", firstError);
        }
        return pool;
    }

    /// <summary>The least busy live connection, or null when the host is down.</summary>
    public CqlConnection? Acquire()
    {
        CqlConnection? best = null;
        bool broken = false;
        foreach (var connection in _connections)
        {
            if (connection is null || connection.IsFailed)
            {
                broken = true;
                continue;
            }
            if (best is null || connection.InFlight < best.InFlight)
                best = connection;
        }
        if (broken)
            ScheduleReconnect();
        return best;
    }

    private void ScheduleReconnect()
    {
        long now = Stopwatch.GetTimestamp();
        if (now - Volatile.Read(ref _lastAttempt) < RetryTicks || _closing.IsCancellationRequested)
            return;
        if (Interlocked.CompareExchange(ref _reconnecting, 1, 0) != 0)
            return;
        Volatile.Write(ref _lastAttempt, now);
        _ = Task.Run(ReconnectAsync);
    }

    private async Task ReconnectAsync()
    {
        try
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                var old = _connections[i];
                if (old is { IsFailed: false })
                    continue;
                var fresh = await CqlConnection.OpenAsync(Endpoint, _options, _closing.Token).ConfigureAwait(false);
                Volatile.Write(ref _connections[i], fresh);
                if (old is not null)
                    await old.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // the host is still down; the next Acquire after the back-off tries again
        }
        finally
        {
            Volatile.Write(ref _reconnecting, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        for (int i = 0; i < _connections.Length; i++)
        {
            if (Interlocked.Exchange(ref _connections[i], null) is { } connection)
                await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
