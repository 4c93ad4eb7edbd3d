using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Sibyl.Host.Lifecycle;

/// <summary>
/// Starts the node's services in order and stops them in reverse, each stop awaited and its
/// failure logged without skipping the others. <see cref="RunAsync"/> adds the process concerns:
/// SIGTERM and Ctrl-C request a clean shutdown (a second signal during shutdown kills the process).
/// </summary>
public sealed class NodeRunner
{
    /// <summary>Bound on the whole reverse-order stop, so a stuck service cannot hang the process.</summary>
    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<INodeService> _services;
    private readonly List<INodeService> _started = [];
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _lifecycle = new(1, 1);

    public NodeRunner(IReadOnlyList<INodeService> services, ILoggerFactory loggerFactory)
    {
        _services = services;
        _logger = loggerFactory.CreateLogger<NodeRunner>();
    }

    /// <summary>Services started so far, in start order.</summary>
    public IReadOnlyList<INodeService> Started
    {
        get { lock (_started) return _started.ToArray(); }
    }

    /// <summary>Completes when a shutdown has been requested (signal or <see cref="RequestShutdown"/>).</summary>
    public Task ShutdownRequested => _shutdown.Task;

    public void RequestShutdown() => _shutdown.TrySetResult();

    /// <summary>Starts every service in order; if one fails, stops those already started and rethrows.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (INodeService service in _services)
            {
                _logger.LogDebug("Starting {Service}", service.Name);
                try
                {
                    await service.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Failed to start {Service}", service.Name);
                    await StopStartedAsync(CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
                lock (_started)
                    _started.Add(service);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the started services in reverse order. Idempotent.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await StopStartedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task StopStartedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            INodeService service;
            lock (_started)
            {
                if (_started.Count == 0)
                    return;
                service = _started[^1];
                _started.RemoveAt(_started.Count - 1);
            }
            _logger.LogDebug("Stopping {Service}", service.Name);
            try
            {
                await service.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Error while stopping {Service}", service.Name);
            }
        }
    }

    /// <summary>
    /// Starts, calls <paramref name="onStarted"/>, waits for SIGTERM/SIGINT, a shutdown request or
    /// <paramref name="cancellationToken"/>, then stops. Returns the process exit code: 0 after a
    /// clean shutdown, 1 if start-up failed.
    /// </summary>
    public async Task<int> RunAsync(Action? onStarted, CancellationToken cancellationToken)
    {
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using CancellationTokenRegistration external = cancellationToken.Register(RequestShutdown);
        try
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogError("Exception encountered during startup: {Error}", e.Message);
            return 1;
        }

        onStarted?.Invoke();
        await ShutdownRequested.ConfigureAwait(false);
        _logger.LogInformation("Shutting down");
        using var stopTimeout = new CancellationTokenSource(DefaultStopTimeout);
        await StopAsync(stopTimeout.Token).ConfigureAwait(false);
        _logger.LogInformation("Shutdown complete");
        return 0;
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (ShutdownRequested.IsCompleted)
            return; // second signal: let the runtime terminate the process
        context.Cancel = true;
        _logger.LogInformation("Received {Signal}", context.Signal);
        RequestShutdown();
    }
}
