using Sibyl.Data.Model;
using Sibyl.Storage.SSTables;
using Sibyl.Storage.Tables;
using Sibyl.Storage.Tests.Tables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.Compaction;

/// <summary>Purge rules (gc_grace_seconds, overlapping SSTables), TTL expiry and the three strategies.</summary>
public sealed class CompactionTests : IAsyncLifetime
{
    private const int GcGrace = 1000;
    private readonly TempDirectory _dir = new();
    private readonly FixedTime _clock = new(Now);
    private TableStore _store = null!;

    private TableStoreOptions Options(Dictionary<string, string>? compaction = null) => TableStoreOptions.Default with
    {
        Time = _clock,
        GcGraceSeconds = GcGrace,
        Compaction = compaction ?? new Dictionary<string, string> { ["class"] = "SizeTieredCompactionStrategy" },
    };

    public Task InitializeAsync()
    {
        _store = new TableStore("ks", "t", TableId, Comparator(false), Options(), _dir.Path) { AutoCompactionEnabled = false };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<SSTableReader> Flushed(params PartitionUpdate[] updates)
    {
        var before = _store.LiveSSTables.ToHashSet();
        foreach (var u in updates) _store.Apply(u, CommitLogPosition.None);
        await _store.FlushAsync();
        return _store.LiveSSTables.Single(s => !before.Contains(s));
    }

    private long Tombstones => _store.LiveSSTables.Sum(s => s.Statistics.TombstoneCount);

    [Fact]
    public async Task TombstoneWithinGcGraceIsKept()
    {
        await Flushed(UpdateOf(1, Insert(Ck(1), 1, 10)));
        await Flushed(UpdateOf(1, DeleteRow(Ck(1), 20)));
        _clock.UnixSeconds = Now + GcGrace - 1;
        await _store.CompactAsync();
        var sstable = Assert.Single(_store.LiveSSTables);
        Assert.Equal(1, sstable.Statistics.TombstoneCount);
        Assert.Equal(0, sstable.Statistics.CellCount);
        Assert.Empty(Assert.Single(_store.Read(ReadPartition(1))).Rows);
    }

    [Fact]
    public async Task TombstonePastGcGraceIsPurgedWithWhatItShadows()
    {
        await Flushed(UpdateOf(1, Insert(Ck(1), 1, 10)), UpdateOf(2, Insert(Ck(1), 2, 10)));
        var deletion = UpdateOf(1);
        deletion.DeletePartition(new DeletionTime(20, Now));
        await Flushed(deletion);
        _clock.UnixSeconds = Now + GcGrace + 1;
        await _store.CompactAsync();
        var sstable = Assert.Single(_store.LiveSSTables);
        Assert.Equal(0, sstable.Statistics.TombstoneCount);
        Assert.Equal(1, sstable.Statistics.PartitionCount);
        Assert.Empty(_store.Read(ReadPartition(1)));
    }

    [Fact]
    public async Task TombstoneIsKeptWhileAnSSTableOutsideTheCompactionHoldsOlderData()
    {
        var old = await Flushed(UpdateOf(1, Insert(Ck(1), 1, 10)));
        var a = await Flushed(UpdateOf(1, DeleteRow(Ck(1), 20)));
        var b = await Flushed(UpdateOf(2, Insert(Ck(1), 1, 30)));
        _clock.UnixSeconds = Now + GcGrace + 1;
        await _store.CompactAsync([a, b]);
        Assert.Equal(1, Tombstones);
        Assert.Contains(old, _store.LiveSSTables);
        Assert.Empty(Assert.Single(_store.Read(ReadPartition(1))).Rows);

        // Once the old data is in the same compaction, both go.
        await _store.CompactAsync();
        Assert.Equal(0, Tombstones);
        Assert.Empty(_store.Read(ReadPartition(1)));
    }

    [Fact]
    public async Task NewerDataOutsideTheCompactionDoesNotHoldBackThePurge()
    {
        var a = await Flushed(UpdateOf(1, Insert(Ck(1), 1, 10)), UpdateOf(1, DeleteRow(Ck(1), 20)));
        await Flushed(UpdateOf(1, Insert(Ck(2), 1, 30)));
        _clock.UnixSeconds = Now + GcGrace + 1;
        await _store.CompactAsync([a]);
        Assert.Equal(0, Tombstones);
        Assert.Equal([2], FirstClusterings(Assert.Single(_store.Read(ReadPartition(1)))));
    }

    [Fact]
    public async Task ExpiredCellsBecomeTombstonesThenArePurged()
    {
        var expiring = UpdateOf(1, Row.Create(Ck(1), LivenessInfo.Create(10, 100, Now), DeletionTime.Live,
            [Cell.Expiring("v", I(1), 10, 100, Now), Cell.Live("w", I(2), 10)]));
        await Flushed(expiring);
        await Flushed(UpdateOf(2, Insert(Ck(1), 1, 10)));
        _clock.UnixSeconds = Now + 101;
        await _store.CompactAsync();
        var sstable = Assert.Single(_store.LiveSSTables);
        Assert.Equal(1, sstable.Statistics.TombstoneCount); // v is now a tombstone; w is still live
        var row = Assert.Single(Assert.Single(_store.Read(ReadPartition(1, now: Now + 101))).Rows);
        Assert.Null(row.Cells.FirstOrDefault(c => c.Column == "v" && c.IsLive(Now + 101)));
        Assert.Equal(2, ValueOf(row, "w"));

        // The tombstone dates from the write (expiration - ttl): purgeable gc_grace after it.
        _clock.UnixSeconds = Now + GcGrace + 1;
        await _store.CompactAsync([.. _store.LiveSSTables, await Flushed(UpdateOf(3, Insert(Ck(1), 1, 10)))]);
        Assert.Equal(0, Tombstones);
        Assert.Equal(2, ValueOf(Assert.Single(Assert.Single(_store.Read(ReadPartition(1, now: Now + GcGrace + 1))).Rows), "w"));
    }

    [Fact]
    public async Task RangeTombstoneShadowsRowsAcrossFiles()
    {
        var rows = UpdateOf(1);
        for (int i = 0; i < 10; i++) rows.Add(Insert(Ck(i), i, 10));
        await Flushed(rows);
        var rt = UpdateOf(1);
        rt.AddRangeTombstone(new RangeTombstone(SliceOf(Bound(true, 2), Bound(false, 8)), new DeletionTime(20, Now)));
        await Flushed(rt);
        Assert.Equal([0, 1, 8, 9], FirstClusterings(Assert.Single(_store.Read(ReadPartition(1)))));
        await _store.CompactAsync();
        var sstable = Assert.Single(_store.LiveSSTables);
        Assert.Equal(4, sstable.Statistics.RowCount);
        Assert.Equal([0, 1, 8, 9], FirstClusterings(Assert.Single(_store.Read(ReadPartition(1)))));
    }

    private async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++) await Task.Delay(20);
        Assert.True(condition());
    }

    [Fact]
    public async Task SizeTieredMergesMinThresholdSimilarSSTablesInTheBackground()
    {
        _store.UpdateOptions(Options(new() { ["class"] = "SizeTieredCompactionStrategy", ["min_threshold"] = "4", ["max_threshold"] = "32" }));
        for (int i = 0; i < 3; i++) await Flushed(UpdateOf(i, Insert(Ck(1), i, 10)));
        _store.AutoCompactionEnabled = true;
        await Task.Delay(100);
        Assert.Equal(3, _store.LiveSSTables.Count);
        await Flushed(UpdateOf(3, Insert(Ck(1), 3, 10)));
        await WaitFor(() => _store.LiveSSTables.Count == 1 && Directory.GetFiles(_store.Directory, "*-Data.db").Length == 1);
        Assert.Equal(4, _store.LiveSSTables[0].Statistics.PartitionCount);
    }

    [Fact]
    public async Task LeveledPromotesFourL0SSTablesIntoL1()
    {
        _store.UpdateOptions(Options(new() { ["class"] = "LeveledCompactionStrategy", ["sstable_size_in_mb"] = "1" }));
        _store.AutoCompactionEnabled = true;
        for (int i = 0; i < 4; i++) await Flushed(UpdateOf(i, Insert(Ck(1), i, 10)), UpdateOf(i + 10, Insert(Ck(1), i, 10)));
        await WaitFor(() => _store.LiveSSTables.Count == 1 && _store.LiveSSTables[0].Level == 1);
        Assert.Equal([0, 1], _store.GetStats().SSTablesInEachLevel);
    }

    [Fact]
    public async Task TimeWindowCompactsOlderWindowsWhole()
    {
        _store.UpdateOptions(Options(new() { ["class"] = "TimeWindowCompactionStrategy", ["compaction_window_unit"] = "HOURS", ["compaction_window_size"] = "1", ["min_threshold"] = "4" }));
        const long Hour = 3_600_000_000L;
        await Flushed(UpdateOf(1, Insert(Ck(1), 1, 5 * Hour + 1)));
        await Flushed(UpdateOf(2, Insert(Ck(1), 1, 5 * Hour + 2)));
        await Flushed(UpdateOf(3, Insert(Ck(1), 1, 9 * Hour + 1)));
        await Flushed(UpdateOf(4, Insert(Ck(1), 1, 9 * Hour + 2)));
        _store.AutoCompactionEnabled = true;
        await WaitFor(() => _store.LiveSSTables.Count == 3);
        Assert.Contains(_store.LiveSSTables, s => s.Statistics.PartitionCount == 2 && s.Statistics.MaxTimestamp < 6 * Hour);
    }

    [Fact]
    public async Task CrashAfterCommitKeepsOnlyTheOutputs()
    {
        await Flushed(UpdateOf(1, Insert(Ck(1), 1, 10)));
        await Flushed(UpdateOf(2, Insert(Ck(1), 1, 10)));
        var inputs = _store.LiveSSTables.Select(s => s.Descriptor).ToList();
        await _store.DisposeAsync();
        // Simulate a compaction that published its output and committed, then died before deleting its inputs.
        string dir = inputs[0].Directory;
        var output = new SSTableDescriptor(dir, 50);
        foreach (var c in SSTableDescriptor.AllComponents) File.Copy(inputs[0].PathOf(c), output.PathOf(c));
        File.WriteAllText(Path.Combine(dir, "compaction-60.log"), $"remove:{inputs[0].Generation}\nadd:50\ncommit\n");
        // And one that died before committing: its output must go.
        var orphan = new SSTableDescriptor(dir, 70);
        foreach (var c in SSTableDescriptor.AllComponents) File.Copy(inputs[1].PathOf(c), orphan.PathOf(c));
        File.WriteAllText(Path.Combine(dir, "compaction-71.log"), $"remove:{inputs[1].Generation}\nadd:70\n");

        _store = new TableStore("ks", "t", TableId, Comparator(false), Options(), _dir.Path);
        Assert.Equal([inputs[1].Generation, 50], _store.LiveSSTables.Select(s => s.Descriptor.Generation).Order());
        Assert.Empty(Directory.GetFiles(dir, "*.log"));
        Assert.Single(_store.Read(ReadPartition(1)));
        Assert.Single(_store.Read(ReadPartition(2)));
    }

    [Fact]
    public async Task ThrottleSlowsCompactionToTheConfiguredRate()
    {
        var throttle = new Sibyl.Storage.Compaction.CompactionThrottle(0.05); // 50 KiB/s
        _store.UpdateOptions(Options() with { Throttle = throttle, Compression = new Dictionary<string, string> { ["class"] = "NoopCompressor" } });
        var update = UpdateOf(1);
        for (int i = 0; i < 3_000; i++) update.Add(Insert(Ck(i), i, 10));
        await Flushed(update);
        await Flushed(UpdateOf(2, Insert(Ck(1), 1, 10)));
        long bytes = _store.LiveSSTables.Sum(s => s.DataSize);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await _store.CompactAsync();
        // The bucket starts empty-handed only after its first second's allowance.
        double minimum = Math.Max(0, (bytes - 0.05 * 1024 * 1024) / (0.05 * 1024 * 1024));
        Assert.True(watch.Elapsed.TotalSeconds >= minimum * 0.8, $"{bytes} bytes in {watch.Elapsed.TotalSeconds}s, expected >= {minimum}s");
    }
}
