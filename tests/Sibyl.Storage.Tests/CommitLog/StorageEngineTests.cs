using System.Text;
using Sibyl.Data.Model;
using Sibyl.Data.Types;
using Sibyl.Storage.CommitLog;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Tests.CommitLog;

/// <summary>The engine over a real commit log directory: what survives a restart, and when writes are acknowledged.</summary>
public sealed class StorageEngineTests : IDisposable
{
    private static readonly ClusteringComparator NoClustering = new(Array.Empty<CqlType>(), Array.Empty<bool>());
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sibyl-engine-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private StorageEngine Open(CommitLogSyncMode mode = CommitLogSyncMode.Periodic, ICommitLogDirectory? directory = null) =>
        new(new CommitLogOptions { Directory = Path.Combine(_dir, "commitlog"), SyncMode = mode, SegmentSize = 64 * 1024 },
            Path.Combine(_dir, "data"), new ListLogger(), directory);

    private static string? ValueOf(StorageEngine engine, Guid table, int key)
    {
        var probe = MutationFactory.Simple(key, "", table: table);
        var result = engine.Read(new SinglePartitionReadCommand(table, probe.Key, ClusteringIndexFilter.All, DataLimits.None, 0));
        var cell = result.SingleOrDefault()?.Rows.SingleOrDefault()?.GetCell("v");
        return cell is null ? null : Encoding.UTF8.GetString(cell.Value);
    }

    [Fact]
    public async Task Writes_survive_a_restart_through_replay()
    {
        await using (var engine = Open(CommitLogSyncMode.Batch))
        {
            engine.CreateTable(MutationFactory.TableA, NoClustering);
            await engine.StartAsync();
            for (int i = 0; i < 200; i++) await engine.ApplyAsync(MutationFactory.Simple(i, "v" + i));
            await engine.StopAsync();
        }
        await using var restarted = Open();
        restarted.CreateTable(MutationFactory.TableA, NoClustering);
        var result = await restarted.StartAsync();
        Assert.Equal(200, result.Mutations);
        for (int i = 0; i < 200; i++) Assert.Equal("v" + i, ValueOf(restarted, MutationFactory.TableA, i));
    }

    [Fact]
    public async Task Non_durable_tables_skip_the_commit_log_and_truncation_is_not_undone_by_replay()
    {
        await using (var engine = Open())
        {
            engine.CreateTable(MutationFactory.TableA, NoClustering);
            engine.CreateTable(MutationFactory.TableB, NoClustering, durable: false);
            await engine.StartAsync();
            await engine.ApplyAsync(MutationFactory.Simple(1, "before", table: MutationFactory.TableA));
            await engine.ApplyAsync(MutationFactory.Simple(2, "volatile", table: MutationFactory.TableB));
            Assert.Equal("volatile", ValueOf(engine, MutationFactory.TableB, 2));
            engine.Truncate(MutationFactory.TableA);
            Assert.Null(ValueOf(engine, MutationFactory.TableA, 1));
            await engine.ApplyAsync(MutationFactory.Simple(3, "after", table: MutationFactory.TableA));
            await engine.StopAsync();
        }
        await using var restarted = Open();
        restarted.CreateTable(MutationFactory.TableA, NoClustering);
        restarted.CreateTable(MutationFactory.TableB, NoClustering, durable: false);
        await restarted.StartAsync();
        Assert.Null(ValueOf(restarted, MutationFactory.TableA, 1));
        Assert.Equal("after", ValueOf(restarted, MutationFactory.TableA, 3));
        Assert.Null(ValueOf(restarted, MutationFactory.TableB, 2));
    }

    [Fact]
    public async Task Batch_mode_applies_before_returning_but_acknowledges_after_fsync()
    {
        var dir = new MemoryCommitLogDirectory();
        using var gate = new ManualResetEventSlim(false);
        dir.SyncGate = gate;
        await using var engine = Open(CommitLogSyncMode.Batch, dir);
        engine.CreateTable(MutationFactory.TableA, NoClustering);
        await engine.StartAsync();
        var write = engine.ApplyAsync(MutationFactory.Simple(7, "x")).AsTask();
        await Task.Delay(50);
        Assert.False(write.IsCompleted, "acknowledged before fsync");
        gate.Set();
        await write.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("x", ValueOf(engine, MutationFactory.TableA, 7));
    }

    [Fact]
    public async Task Reaching_commitlog_total_space_flushes_the_oldest_tables_and_frees_segments()
    {
        var options = new CommitLogOptions
        {
            Directory = Path.Combine(_dir, "commitlog"), SegmentSize = 64 * 1024, TotalSpace = 4 * 64 * 1024,
        };
        await using var engine = new StorageEngine(options, Path.Combine(_dir, "data"), new ListLogger());
        engine.CreateTable(MutationFactory.TableA, NoClustering, durable: true, "ks", "t", TableStoreOptions.Default);
        await engine.StartAsync();
        // About 20 segments' worth of writes, far past the 4-segment limit; no explicit flush.
        for (int i = 0; i < 8000; i++) await engine.ApplyAsync(MutationFactory.Simple(i, "value-" + i));
        await engine.CommitLog.SyncAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (engine.CommitLog.SegmentFileNames.Count > 6 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            await engine.CommitLog.SyncAsync();
        }
        Assert.True(engine.CommitLog.SegmentFileNames.Count <= 6, $"segments kept: {engine.CommitLog.SegmentFileNames.Count}");
        Assert.Equal("value-7999", ValueOf(engine, MutationFactory.TableA, 7999));
        Assert.Equal("value-0", ValueOf(engine, MutationFactory.TableA, 0));
    }

    [Fact]
    public async Task A_flush_lets_the_commit_log_drop_its_segments_and_the_data_stays_readable()
    {
        await using (var engine = Open())
        {
            engine.CreateTable(MutationFactory.TableA, NoClustering, durable: true, "ks", "t", TableStoreOptions.Default);
            await engine.StartAsync();
            for (int i = 0; i < 2000; i++) await engine.ApplyAsync(MutationFactory.Simple(i, "value-" + i));
            int before = engine.CommitLog.SegmentFileNames.Count;
            Assert.True(before > 2, $"expected several 64 KiB segments, got {before}");
            await engine.CommitLog.SyncAsync();
            await engine.FlushAsync(MutationFactory.TableA);
            Assert.Single(engine.CommitLog.SegmentFileNames);
            Assert.Equal("value-1999", ValueOf(engine, MutationFactory.TableA, 1999));
            await engine.ApplyAsync(MutationFactory.Simple(5000, "after-flush"));
            await engine.StopAsync();
        }
        await using var restarted = Open();
        restarted.CreateTable(MutationFactory.TableA, NoClustering, durable: true, "ks", "t", TableStoreOptions.Default);
        var result = await restarted.StartAsync();
        Assert.Equal(1, result.Mutations);
        Assert.Equal("value-7", ValueOf(restarted, MutationFactory.TableA, 7));
        Assert.Equal("after-flush", ValueOf(restarted, MutationFactory.TableA, 5000));
    }

    [Fact]
    public async Task Dropped_tables_are_not_replayed_and_their_segments_can_go()
    {
        await using (var engine = Open())
        {
            engine.CreateTable(MutationFactory.TableA, NoClustering);
            await engine.StartAsync();
            await engine.ApplyAsync(MutationFactory.Simple(1, "a"));
            engine.DropTable(MutationFactory.TableA);
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await engine.ApplyAsync(MutationFactory.Simple(2, "b")));
            await engine.StopAsync();
        }
        await using var restarted = Open();
        var result = await restarted.StartAsync();
        Assert.Equal(0, result.Mutations);
    }
}
