using System.Diagnostics;
using Sibyl.Data.Model;

namespace Sibyl.StorageBench;

/// <summary>
/// Writes narrow rows from several threads into a sink (the engine, or the commit log alone). Threads claim
/// row indexes in batches, so they stay busy however the scheduler treats them; row index i is written with
/// key <see cref="KeyOf"/>(i) and timestamp <see cref="BaseTimestamp"/> + i.
/// </summary>
internal sealed class NarrowLoad(NarrowRows rows, Action<Mutation> sink)
{
    private const int Batch = 256;
    private long _next;
    private long _written;

    public Func<long, long> KeyOf { get; init; } = static i => i;
    public long BaseTimestamp { get; init; } = BenchEngine.NowMicros();

    /// <summary>When set, each write's latency (the sink call alone, not building the mutation) is recorded.</summary>
    public LatencyRecorder? Latencies { get; init; }

    public long RowsWritten => Interlocked.Read(ref _written);

    public long BytesWritten => RowsWritten * NarrowRows.PayloadBytes;

    /// <summary>Writes row indexes [0, <paramref name="count"/>), stopping early once <paramref name="stop"/> says so.</summary>
    public Task RunAsync(long count, int threads, int seed, Func<bool>? stop = null) =>
        BenchEngine.RunThreads(threads, thread =>
        {
            var random = new Random(seed * 7919 + thread);
            while (stop is null || !stop())
            {
                long first = Interlocked.Add(ref _next, Batch) - Batch;
                if (first >= count) return;
                long end = Math.Min(count, first + Batch);
                for (long i = first; i < end; i++)
                {
                    var mutation = rows.Insert(KeyOf(i), BaseTimestamp + i, random);
                    long start = Stopwatch.GetTimestamp();
                    sink(mutation);
                    Latencies?.Record(i, Stopwatch.GetTimestamp() - start);
                }
                Interlocked.Add(ref _written, end - first);
            }
        });
}
