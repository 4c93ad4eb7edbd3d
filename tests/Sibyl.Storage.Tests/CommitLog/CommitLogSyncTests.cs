using System.Diagnostics;
using Sibyl.Storage.CommitLog;
using CommitLogService = Sibyl.Storage.CommitLog.CommitLog;

namespace Sibyl.Storage.Tests.CommitLog;

/// <summary>When each sync mode acknowledges, observed through a directory whose fsync the test holds.</summary>
public class CommitLogSyncTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CommitLogService Start(MemoryCommitLogDirectory dir, CommitLogSyncMode mode, TimeSpan? period = null, TimeSpan? window = null)
    {
        var log = new CommitLogService(new CommitLogOptions
        {
            Directory = "unused",
            SyncMode = mode,
            SyncPeriod = period ?? TimeSpan.FromSeconds(30),
            GroupWindow = window ?? TimeSpan.FromMilliseconds(200),
        }, new ListLogger(), dir);
        log.Start();
        return log;
    }

    private static bool DurablyHolds(MemoryCommitLogDirectory dir, CommitLogPosition position) =>
        dir.Durable(CommitLogFormat.SegmentFileName(position.SegmentId)).Length >= position.Offset;

    [Fact]
    public async Task Batch_acknowledges_only_after_the_fsync_that_covers_the_record()
    {
        var dir = new MemoryCommitLogDirectory();
        using var gate = new ManualResetEventSlim(false);
        using var syncing = new SemaphoreSlim(0);
        dir.SyncGate = gate;
        dir.SyncStarting += () => syncing.Release();
        var log = Start(dir, CommitLogSyncMode.Batch);
        var append = log.Append(MutationFactory.Simple(1, "a"));
        Assert.True(await syncing.WaitAsync(Patience), "no fsync was started");
        await Task.Delay(50);
        Assert.False(append.WhenDurable.IsCompleted, "acknowledged before its fsync finished");
        Assert.False(DurablyHolds(dir, append.Position));
        gate.Set();
        await append.WhenDurable.WaitAsync(Patience);
        Assert.True(DurablyHolds(dir, append.Position));
        await log.StopAsync();
    }

    [Fact]
    public async Task Batch_writers_waiting_together_share_one_fsync()
    {
        var dir = new MemoryCommitLogDirectory();
        using var gate = new ManualResetEventSlim(false);
        using var syncing = new SemaphoreSlim(0);
        dir.SyncGate = gate;
        dir.SyncStarting += () => syncing.Release();
        var log = Start(dir, CommitLogSyncMode.Batch);
        var first = log.Append(MutationFactory.Simple(0, "first"));
        Assert.True(await syncing.WaitAsync(Patience));
        // While the first fsync is held, 30 writers append; they must all wait for the next round.
        var rest = Enumerable.Range(1, 30).Select(i => log.Append(MutationFactory.Simple(i, "v"))).ToList();
        await Task.Delay(50);
        Assert.All(rest, a => Assert.False(a.WhenDurable.IsCompleted));
        gate.Set();
        await Task.WhenAll(rest.Select(a => a.WhenDurable)).WaitAsync(Patience);
        await first.WhenDurable;
        Assert.All(rest, a => Assert.True(DurablyHolds(dir, a.Position)));
        Assert.True(dir.SyncCount <= 2, $"{dir.SyncCount} fsyncs for two rounds of writers");
        await log.StopAsync();
    }

    [Fact]
    public async Task Periodic_acknowledges_at_once_and_fsyncs_in_the_background()
    {
        var dir = new MemoryCommitLogDirectory();
        var log = Start(dir, CommitLogSyncMode.Periodic, period: TimeSpan.FromMilliseconds(100));
        var append = log.Append(MutationFactory.Simple(1, "a"));
        Assert.True(append.WhenDurable.IsCompletedSuccessfully);
        var deadline = Stopwatch.StartNew();
        while (!DurablyHolds(dir, append.Position) && deadline.Elapsed < Patience) await Task.Delay(20);
        Assert.True(DurablyHolds(dir, append.Position), "the periodic syncer never fsynced");
        await log.StopAsync();
    }

    [Fact]
    public async Task Group_spaces_fsyncs_by_the_window()
    {
        var dir = new MemoryCommitLogDirectory();
        var log = Start(dir, CommitLogSyncMode.Group, window: TimeSpan.FromMilliseconds(300));
        await log.Append(MutationFactory.Simple(1, "a")).WhenDurable.WaitAsync(Patience);
        var clock = Stopwatch.StartNew();
        var batch = Enumerable.Range(2, 10).Select(i => log.Append(MutationFactory.Simple(i, "b"))).ToList();
        Assert.All(batch, a => Assert.False(a.WhenDurable.IsCompleted));
        await Task.WhenAll(batch.Select(a => a.WhenDurable)).WaitAsync(Patience);
        Assert.True(clock.ElapsedMilliseconds >= 200, $"acknowledged after {clock.ElapsedMilliseconds} ms, inside the window");
        Assert.All(batch, a => Assert.True(DurablyHolds(dir, a.Position)));
        Assert.True(dir.SyncCount <= 3, $"{dir.SyncCount} fsyncs");
        await log.StopAsync();
    }

    [Fact]
    public async Task Stop_fsyncs_what_periodic_mode_has_not_yet()
    {
        var dir = new MemoryCommitLogDirectory();
        var log = Start(dir, CommitLogSyncMode.Periodic, period: TimeSpan.FromHours(1));
        var append = log.Append(MutationFactory.Simple(1, "a"));
        await log.StopAsync();
        Assert.True(DurablyHolds(dir, append.Position));
        Assert.Throws<InvalidOperationException>(() => log.Append(MutationFactory.Simple(2, "b")));
    }
}
