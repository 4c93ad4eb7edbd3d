using System.Diagnostics;
using System.Globalization;
using Sibyl.Client;

namespace Sibyl.Stress;

/// <summary>
/// Runs a workload with a fixed number of concurrent workers (a closed loop, as cassandra-stress does: each worker
/// issues its next operation when the previous one completes). Workers record into their own histograms under an
/// uncontended lock; once a second the reporter swaps those interval histograms out, prints a progress line and
/// folds them into the totals. Warmup intervals are printed but not counted.
/// </summary>
public sealed class StressRunner
{
    private const int KindCount = 2;

    private readonly StressOptions _options;
    private readonly StressWorkload _workload;
    private readonly TextWriter _progress;
    private readonly Worker[] _workers;
    private volatile bool _measuring;
    private long _claimed;

    public StressRunner(StressOptions options, StressWorkload workload, TextWriter progress)
    {
        _options = options;
        _workload = workload;
        _progress = progress;
        _workers = new Worker[options.Concurrency];
        for (int i = 0; i < _workers.Length; i++)
            _workers[i] = new Worker(options.Seed * 7919 + i);
    }

    public async Task<StressResult> RunAsync(CqlSession session, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = DateTimeOffset.UtcNow;
        _measuring = _options.Warmup <= TimeSpan.Zero;
        var tasks = new Task[_workers.Length];
        for (int i = 0; i < tasks.Length; i++)
        {
            var worker = _workers[i];
            tasks[i] = Task.Run(() => WorkAsync(session, worker, stop.Token), CancellationToken.None);
        }
        var allWorkers = Task.WhenAll(tasks);

        var totals = NewKindHistograms();
        var interval = NewKindHistograms();
        var errors = new Dictionary<string, long>();
        var intervalErrors = new Dictionary<string, long>();
        var samples = new List<IntervalSample>();
        long rowsRead = 0, notFound = 0;

        WriteProgressHeader();
        long phaseStart = Stopwatch.GetTimestamp();
        if (!_measuring)
        {
            long warmupEnd = phaseStart + (long)(_options.Warmup.TotalSeconds * Stopwatch.Frequency);
            long lastTick = phaseStart;
            while (Stopwatch.GetTimestamp() < warmupEnd && !allWorkers.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                await WaitUntilAsync(Math.Min(lastTick + Stopwatch.Frequency, warmupEnd), allWorkers, cancellationToken).ConfigureAwait(false);
                long now = Stopwatch.GetTimestamp();
                var (_, _, intervalOps, intervalErrorCount) = Drain(interval, intervalErrors);
                double seconds = (now - lastTick) / (double)Stopwatch.Frequency;
                WriteProgress("warmup", (now - phaseStart) / (double)Stopwatch.Frequency, intervalOps, seconds > 0 ? intervalOps / seconds : 0, interval, intervalErrorCount);
                Clear(interval, intervalErrors);
                lastTick = now;
            }
            _measuring = true;
            Drain(interval, intervalErrors);
            Clear(interval, intervalErrors);
            phaseStart = Stopwatch.GetTimestamp();
        }

        long tickStart = phaseStart;
        long deadline = _options.Operations is null ? phaseStart + (long)(_options.Duration.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        while (true)
        {
            long nextTick = Math.Min(tickStart + Stopwatch.Frequency, deadline);
            await WaitUntilAsync(nextTick, allWorkers, cancellationToken).ConfigureAwait(false);
            bool finished = allWorkers.IsCompleted || Stopwatch.GetTimestamp() >= deadline || cancellationToken.IsCancellationRequested;
            if (finished)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await allWorkers.ConfigureAwait(false);
            }
            long now = Stopwatch.GetTimestamp();
            var (rows, misses, intervalOps, intervalErrorCount) = Drain(interval, intervalErrors);
            rowsRead += rows;
            notFound += misses;
            double intervalSeconds = (now - tickStart) / (double)Stopwatch.Frequency;
            double elapsed = (now - phaseStart) / (double)Stopwatch.Frequency;
            // The stragglers after the stop make a sliver of an interval: count them in the totals, not as a sample.
            bool sliver = finished && samples.Count > 0 && intervalSeconds < 0.25;
            if (!sliver && (intervalOps > 0 || intervalErrorCount > 0 || !finished))
            {
                var merged = Merge(interval);
                double opsPerSecond = intervalSeconds > 0 ? intervalOps / intervalSeconds : 0;
                samples.Add(new IntervalSample(elapsed, intervalOps, opsPerSecond, Ms(merged.ValueAtPercentile(50)),
                    Ms(merged.ValueAtPercentile(99)), Ms(merged.Max), intervalErrorCount));
                WriteProgress("", elapsed, intervalOps, opsPerSecond, interval, intervalErrorCount);
            }
            for (int k = 0; k < KindCount; k++)
                totals[k].Add(interval[k]);
            foreach (var (kind, count) in intervalErrors)
                errors[kind] = errors.GetValueOrDefault(kind) + count;
            Clear(interval, intervalErrors);
            tickStart = now;
            if (finished)
            {
                var byKind = new Dictionary<OperationKind, LatencyHistogram>();
                for (int k = 0; k < KindCount; k++)
                {
                    if (totals[k].TotalCount > 0)
                        byKind[(OperationKind)k] = totals[k];
                }
                return new StressResult
                {
                    Options = _options,
                    StartedAt = started,
                    ElapsedSeconds = elapsed,
                    Latency = Merge(totals),
                    LatencyByKind = byKind,
                    Errors = errors,
                    RowsRead = rowsRead,
                    NotFound = notFound,
                    Intervals = samples,
                };
            }
        }
    }

    private static async Task WaitUntilAsync(long timestamp, Task workers, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(Math.Max(0, (timestamp - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));
        if (delay <= TimeSpan.Zero)
            return;
        try
        {
            await Task.WhenAny(workers, Task.Delay(delay, cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WorkAsync(CqlSession session, Worker worker, CancellationToken stop)
    {
        long? limit = _options.Operations;
        while (!stop.IsCancellationRequested)
        {
            bool measuring = _measuring;
            if (measuring && limit is { } ops && Interlocked.Increment(ref _claimed) > ops)
                return;
            var kind = _workload.Choose(worker.Random);
            long start = Stopwatch.GetTimestamp();
            try
            {
                // The stop token is not passed on: operations in flight finish and are counted.
                int rows = await _workload.ExecuteAsync(session, kind, worker.Random, CancellationToken.None).ConfigureAwait(false);
                long micros = (Stopwatch.GetTimestamp() - start) * 1_000_000 / Stopwatch.Frequency;
                lock (worker.Lock)
                {
                    // Started in warmup, ended in the measured phase: belongs to neither. Checked under the lock the
                    // end of warmup drains through, so a warmup operation cannot land after that drain.
                    if (!measuring && _measuring)
                        continue;
                    worker.Latency[(int)kind].Record(micros);
                    if (kind == OperationKind.Read)
                    {
                        worker.RowsRead += rows;
                        if (rows == 0)
                            worker.NotFound++;
                    }
                }
            }
            catch (Exception e)
            {
                string errorKind = ErrorKinds.Of(e);
                lock (worker.Lock)
                {
                    if (!measuring && _measuring)
                        continue;
                    worker.Errors[errorKind] = worker.Errors.GetValueOrDefault(errorKind) + 1;
                }
                if (ErrorKinds.IsConnectionLevel(e))
                {
                    try
                    {
                        await Task.Delay(10, stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
    }

    /// <summary>Moves every worker's interval counts into <paramref name="interval"/>; returns rows, misses, operations and errors.</summary>
    private (long Rows, long NotFound, long Operations, long Errors) Drain(LatencyHistogram[] interval, Dictionary<string, long> errors)
    {
        long rows = 0, misses = 0, errorCount = 0;
        foreach (var worker in _workers)
        {
            lock (worker.Lock)
            {
                for (int k = 0; k < KindCount; k++)
                {
                    interval[k].Add(worker.Latency[k]);
                    worker.Latency[k].Reset();
                }
                rows += worker.RowsRead;
                misses += worker.NotFound;
                worker.RowsRead = 0;
                worker.NotFound = 0;
                foreach (var (kind, count) in worker.Errors)
                {
                    errors[kind] = errors.GetValueOrDefault(kind) + count;
                    errorCount += count;
                }
                worker.Errors.Clear();
            }
        }
        long operations = 0;
        for (int k = 0; k < KindCount; k++)
            operations += interval[k].TotalCount;
        return (rows, misses, operations, errorCount);
    }

    private static void Clear(LatencyHistogram[] histograms, Dictionary<string, long> errors)
    {
        foreach (var histogram in histograms)
            histogram.Reset();
        errors.Clear();
    }

    private static LatencyHistogram[] NewKindHistograms()
    {
        var histograms = new LatencyHistogram[KindCount];
        for (int k = 0; k < KindCount; k++)
            histograms[k] = new LatencyHistogram();
        return histograms;
    }

    private static LatencyHistogram Merge(LatencyHistogram[] histograms)
    {
        var merged = new LatencyHistogram();
        foreach (var histogram in histograms)
            merged.Add(histogram);
        return merged;
    }

    internal static double Ms(long micros) => micros / 1000.0;

    private void WriteProgressHeader() =>
        _progress.WriteLine($"{"time",9} {"ops/s",10} {"p50 ms",8} {"p99 ms",8} {"max ms",9} {"errors",7} {"",6}");

    private void WriteProgress(string phase, double elapsed, long operations, double opsPerSecond, LatencyHistogram[] interval, long errors)
    {
        var merged = Merge(interval);
        _progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{elapsed,8:F1}s {opsPerSecond,10:N0} {Ms(merged.ValueAtPercentile(50)),8:F2} {Ms(merged.ValueAtPercentile(99)),8:F2} {Ms(merged.Max),9:F2} {errors,7} {phase,6}"));
        _progress.Flush();
    }

    private sealed class Worker(int seed)
    {
        public readonly Lock Lock = new();
        public readonly Random Random = new(seed);
        public readonly LatencyHistogram[] Latency = NewKindHistograms();
        public readonly Dictionary<string, long> Errors = [];
        public long RowsRead;
        public long NotFound;
    }
}
