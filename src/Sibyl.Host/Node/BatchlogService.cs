using Microsoft.Extensions.Logging;
using Sibyl.Common;
using Sibyl.Coordinator.Batchlog;
using Sibyl.Host.Lifecycle;

namespace Sibyl.Host.Node;

/// <summary>
/// Batch log replay as a node service. On start (after the commit log replay, before clients connect) every
/// entry is replayed: all of them were written by this node before it stopped, so no coordinator will finish
/// them. Then, every <see cref="ReplayInterval"/>, entries older than twice the write timeout are replayed
/// (Cassandra's BatchlogManager schedule); stop cancels the loop and waits for it.
/// </summary>
internal sealed class BatchlogService(BatchlogManager batchlog, ITimeSource clock, TimeSpan writeTimeout, ILogger logger) : INodeService
{
    public static readonly TimeSpan ReplayInterval = TimeSpan.FromSeconds(10);

    private CancellationTokenSource? _stop;
    private Task? _loop;

    public string Name => "batchlog";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            int replayed = await batchlog.ReplayAsync(clock.NowMicros(), cancellationToken).ConfigureAwait(false);
            if (replayed > 0) logger.LogInformation("Batch log: replayed {Count} batches left by the previous run", replayed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The node still starts; the periodic replay retries what is left.
            logger.LogWarning(e, "Batch log replay at start-up failed");
        }
        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ReplayInterval, stop).ConfigureAwait(false);
                try
                {
                    long cutoff = clock.NowMicros() - (long)(2 * writeTimeout.TotalMicroseconds);
                    await batchlog.ReplayAsync(cutoff, stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Batch log replay failed; retrying in {Interval}", ReplayInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is null || _loop is null) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _stop = null;
        _loop = null;
    }
}
