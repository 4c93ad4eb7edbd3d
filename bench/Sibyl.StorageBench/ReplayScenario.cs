using System.Diagnostics;
using Sibyl.Storage.CommitLog;
using Sibyl.Storage.Serialization;
using Sibyl.Storage.Tables;
using CommitLogService = Sibyl.Storage.CommitLog.CommitLog;

namespace Sibyl.StorageBench;

/// <summary>
/// Start-up replay of a commit log nothing was flushed from (full: 1 GiB). The log is written through the
/// commit log alone (as a node's would be if it crashed before its first flush; skipping the memtables keeps
/// the writing phase from holding a gigabyte of rows), stopped, then a fresh engine replays it in StartAsync.
/// The replaying table has the default 64 MiB memtable, so replay flushes in the background as Cassandra's does.
/// </summary>
internal sealed class ReplayScenario : Scenario
{
    private static readonly Guid TableId = new("5b1b0000-0000-0000-0000-000000000004");

    public override string Name => "replay";

    public override async Task<ScenarioResult> RunAsync(BenchOptions options, string directory)
    {
        long targetBytes = options.Scaled(1L << 30, 8L << 20);
        var rows = new NarrowRows(TableId, options.Seed);
        string logDirectory = BenchEngine.CommitLogOptions(directory, CommitLogSyncMode.Periodic).Directory;

        var clock = Stopwatch.StartNew();
        long appended;
        await using (var log = new CommitLogService(BenchEngine.CommitLogOptions(directory, CommitLogSyncMode.Periodic),
            new StderrLoggerFactory().CreateLogger("commitlog")))
        {
            log.Start();
            long logged = 0;
            var load = new NarrowLoad(rows, m =>
            {
                log.Append(m);
                Interlocked.Add(ref logged, MutationSerializer.ComputeSize(m) + CommitLogFormat.RecordOverhead);
            });
            await load.RunAsync(long.MaxValue, options.Threads, options.Seed, () => Interlocked.Read(ref logged) >= targetBytes);
            await log.StopAsync();
            appended = load.RowsWritten;
        }
        var writeTime = clock.Elapsed;
        long logBytes = BenchEngine.DirectorySize(logDirectory);
        int segments = Directory.GetFiles(logDirectory, "CommitLog-*").Length;

        await using var engine = BenchEngine.Create(directory, CommitLogSyncMode.Periodic);
        var store = BenchEngine.AddTable(engine, TableId, NarrowRows.Comparator, "replay", TableStoreOptions.Default);
        clock.Restart();
        var replay = await engine.StartAsync();
        var startTime = clock.Elapsed;
        long flushesDuringReplay = store.GetStats().MemtableSwitchCount;
        clock.Restart();
        await engine.FlushAsync(TableId);
        var flushTime = clock.Elapsed;
        if (replay.Mutations != appended || replay.DamagedFiles.Count != 0)
            throw new InvalidOperationException($"replayed {replay.Mutations} of {appended} mutations, damaged files: {string.Join(", ", replay.DamagedFiles)}");
        var random = new Random(options.Seed);
        int missing = BenchEngine.CountMissing(engine, rows, 1000, () => random.NextInt64(appended));

        return new ScenarioResult(Name, options.CommandFor(Name))
            .Add("commitlog", BenchEngine.Megabytes(logBytes), "MiB")
            .Add("segments", segments)
            .Add("mutations", replay.Mutations)
            .Add("write_log", writeTime.TotalSeconds, "s")
            .Add("replay", replay.Elapsed.TotalSeconds, "s")
            .Add("replay_rate", BenchEngine.Megabytes(logBytes) / replay.Elapsed.TotalSeconds, "MiB/s")
            .Add("replay_mutations_rate", replay.Mutations / replay.Elapsed.TotalSeconds, "mutations/s")
            .Add("start", startTime.TotalSeconds, "s")
            .Add("flushes_during_replay", flushesDuringReplay)
            .Add("flush_after_replay", flushTime.TotalSeconds, "s")
            .Add("peak_rss", BenchEngine.Megabytes(RssSampler.ReadStatusBytes("VmHWM:")), "MiB")
            .AddCheck("missing_of_1000_sampled", missing);
    }
}
