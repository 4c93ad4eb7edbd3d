using Sibyl.Data.Model;
using Sibyl.Storage;
using Sibyl.Storage.CommitLog;
using Sibyl.Storage.Tables;

namespace Sibyl.StorageBench;

/// <summary>A storage engine in a scenario's directory (commit log and data below it), and the helpers every scenario uses.</summary>
internal static class BenchEngine
{
    public const string Keyspace = "bench";

    public static CommitLogOptions CommitLogOptions(string directory, CommitLogSyncMode mode) =>
        new() { Directory = Path.Combine(directory, "commitlog"), SyncMode = mode };

    /// <summary>An engine not yet started: create its tables, then <see cref="StorageEngine.StartAsync"/> (which replays).</summary>
    public static StorageEngine Create(string directory, CommitLogSyncMode mode) =>
        new(CommitLogOptions(directory, mode), Path.Combine(directory, "data"), new StderrLoggerFactory());

    public static TableStore AddTable(StorageEngine engine, Guid tableId, ClusteringComparator comparator, string name, TableStoreOptions options)
    {
        engine.CreateTable(tableId, comparator, durable: true, Keyspace, name, options);
        return engine.FindTableStore(tableId) ?? throw new InvalidOperationException("table " + name + " was not created");
    }

    /// <summary>Applies a mutation and waits until the sync mode acknowledges it, as a replica does before answering.</summary>
    public static void Apply(StorageEngine engine, Mutation mutation)
    {
        var pending = engine.ApplyAsync(mutation);
        if (!pending.IsCompletedSuccessfully) pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="body"/>(thread index) on that many dedicated threads and waits for all.</summary>
    public static Task RunThreads(int threads, Action<int> body)
    {
        var tasks = new Task[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            tasks[t] = Task.Factory.StartNew(() => body(index), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        return Task.WhenAll(tasks);
    }

    public static long DirectorySize(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    public static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);

    public static int NowInSeconds() => (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static long NowMicros() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    /// <summary>Reads <paramref name="samples"/> keys chosen by <paramref name="pickKey"/>; returns how many did not come back whole.</summary>
    public static int CountMissing(StorageEngine engine, NarrowRows rows, int samples, Func<long> pickKey)
    {
        int now = NowInSeconds(), missing = 0;
        for (int i = 0; i < samples; i++)
            if (!NarrowRows.IsComplete(engine.Read(rows.Read(pickKey(), now)), now)) missing++;
        return missing;
    }

    /// <summary>Collections per generation since start-up, for the GC figures each scenario reports.</summary>
    public static (int Gen0, int Gen1, int Gen2) Collections() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
}
