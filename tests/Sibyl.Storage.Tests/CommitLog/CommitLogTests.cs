using Microsoft.Extensions.Logging;
using Sibyl.Data.Model;
using Sibyl.Storage.CommitLog;
using CommitLogService = Sibyl.Storage.CommitLog.CommitLog;

namespace Sibyl.Storage.Tests.CommitLog;

public class CommitLogTests
{
    private static CommitLogService Open(MemoryCommitLogDirectory dir, ILogger? logger = null, long segmentSize = 1 << 20,
        CommitLogSyncMode mode = CommitLogSyncMode.Periodic) =>
        new(new CommitLogOptions { Directory = "unused", SegmentSize = segmentSize, SyncMode = mode }, logger ?? new ListLogger(), dir);

    private static async Task<List<(Mutation Mutation, CommitLogPosition Position)>> WriteAsync(MemoryCommitLogDirectory dir, IEnumerable<Mutation> mutations, long segmentSize = 1 << 20)
    {
        var log = Open(dir, segmentSize: segmentSize);
        log.Replay(_ => true, (_, _) => { });
        log.Start();
        var written = new List<(Mutation, CommitLogPosition)>();
        foreach (var m in mutations) written.Add((m, log.Append(m).Position));
        await log.StopAsync();
        return written;
    }

    private static (List<(Mutation Mutation, CommitLogPosition Position)> Replayed, CommitLogReplayResult Result, CommitLogService Log) Replay(
        MemoryCommitLogDirectory dir, ILogger? logger = null, Func<Guid, bool>? known = null)
    {
        var log = Open(dir, logger);
        var replayed = new List<(Mutation, CommitLogPosition)>();
        var result = log.Replay(known ?? (_ => true), (m, p) => replayed.Add((m, p)));
        return (replayed, result, log);
    }

    private static List<Mutation> RandomMutations(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => MutationFactory.Random(random))];
    }

    [Fact]
    public async Task Appended_mutations_replay_in_order_with_their_positions()
    {
        var dir = new MemoryCommitLogDirectory();
        var written = await WriteAsync(dir, RandomMutations(60, 1));
        var (replayed, result, _) = Replay(dir);
        Assert.Equal(60, result.Mutations);
        Assert.Empty(result.DamagedFiles);
        Assert.Equal(written.Count, replayed.Count);
        for (int i = 0; i < written.Count; i++)
        {
            MutationFactory.AssertEqual(written[i].Mutation, replayed[i].Mutation);
            Assert.Equal(written[i].Position, replayed[i].Position);
            if (i > 0) Assert.True(written[i].Position > written[i - 1].Position);
        }
    }

    [Fact]
    public async Task A_log_cut_at_any_byte_replays_a_clean_prefix()
    {
        var dir = new MemoryCommitLogDirectory();
        var written = await WriteAsync(dir, RandomMutations(6, 2));
        string name = dir.List().Single();
        byte[] full = dir.ReadAll(name);
        for (int cut = 0; cut <= full.Length; cut++)
        {
            var copy = new MemoryCommitLogDirectory();
            copy.Put(name, full[..cut]);
            var logger = new ListLogger();
            var (replayed, result, _) = Replay(copy, logger);
            int expected = written.Count(w => w.Position.Offset <= cut);
            Assert.Equal(expected, replayed.Count);
            for (int i = 0; i < expected; i++) MutationFactory.AssertEqual(written[i].Mutation, replayed[i].Mutation);
            // Whatever non-zero bytes follow the last whole record are reported, with the file name.
            int lastEnd = cut < CommitLogFormat.HeaderSize ? 0 : expected == 0 ? CommitLogFormat.HeaderSize : written[expected - 1].Position.Offset;
            bool tornTail = full.AsSpan(lastEnd, cut - lastEnd).ContainsAnyExcept((byte)0);
            Assert.Equal(tornTail ? cut - lastEnd : 0, result.SkippedBytes);
            Assert.Equal(tornTail, logger.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("mem:" + name, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_flipped_byte_stops_replay_at_its_record()
    {
        var dir = new MemoryCommitLogDirectory();
        var written = await WriteAsync(dir, RandomMutations(5, 3));
        string name = dir.List().Single();
        byte[] full = dir.ReadAll(name);
        int end = written[^1].Position.Offset;
        for (int at = 0; at < end; at++)
        {
            byte[] damaged = (byte[])full.Clone();
            damaged[at] ^= 0x10;
            var copy = new MemoryCommitLogDirectory();
            copy.Put(name, damaged);
            var (replayed, result, _) = Replay(copy);
            int intact = written.Count(w => w.Position.Offset <= at);
            if (at < CommitLogFormat.HeaderSize) intact = 0;
            Assert.Equal(intact, replayed.Count);
            Assert.Single(result.DamagedFiles);
            Assert.True(result.SkippedBytes > 0);
        }
    }

    [Fact]
    public async Task Replay_skips_tables_that_no_longer_exist()
    {
        var dir = new MemoryCommitLogDirectory();
        await WriteAsync(dir, [MutationFactory.Simple(1, "a", table: MutationFactory.TableA), MutationFactory.Simple(2, "b", table: MutationFactory.TableB)]);
        var (replayed, result, _) = Replay(dir, known: t => t == MutationFactory.TableB);
        Assert.Equal(1, result.Mutations);
        Assert.Equal(MutationFactory.TableB, replayed.Single().Mutation.Updates.Single().TableId);
    }

    [Fact]
    public async Task Segments_roll_over_and_are_deleted_once_every_table_flushed_past_them()
    {
        var dir = new MemoryCommitLogDirectory();
        var log = Open(dir, segmentSize: 2048);
        log.Start();
        var positions = new List<CommitLogPosition>();
        for (int i = 0; i < 100; i++)
            positions.Add(log.Append(MutationFactory.Simple(i, new string('x', 50), table: i == 5 ? MutationFactory.TableB : MutationFactory.TableA)).Position);
        await log.SyncAsync();
        int segments = dir.List().Count(n => n.StartsWith("CommitLog-", StringComparison.Ordinal));
        Assert.True(segments >= 4, $"expected several segments, got {segments}");
        Assert.Equal(segments, log.SegmentFileNames.Count);

        // Table A flushed up to record 79: only the segment holding B's record 5 stays before it.
        log.DiscardCompletedSegments(MutationFactory.TableA, positions[79]);
        long bSegment = positions[5].SegmentId;
        Assert.Contains(CommitLogFormat.SegmentFileName(bSegment), log.SegmentFileNames);
        Assert.True(log.SegmentFileNames.Count < segments);
        foreach (var name in log.SegmentFileNames)
        {
            Assert.True(CommitLogFormat.TryParseSegmentFileName(name, out _, out long id));
            Assert.True(id == bSegment || id >= positions[79].SegmentId, $"{name} should have been deleted");
        }

        log.DiscardCompletedSegments(MutationFactory.TableB, positions[99]);
        Assert.All(log.SegmentFileNames, n => Assert.True(CommitLogFormat.TryParseSegmentFileName(n, out _, out long id) && id >= positions[79].SegmentId));
        Assert.Equal(log.SegmentFileNames, dir.List().Where(n => n.StartsWith("CommitLog-", StringComparison.Ordinal)).ToList());
        await log.StopAsync();

        // After a restart only table A's records past the flush are replayed.
        var (replayed, _, _) = Replay(dir);
        Assert.Equal(20, replayed.Count);
        Assert.All(replayed, r => Assert.Equal(MutationFactory.TableA, r.Mutation.Updates.Single().TableId));
        Assert.All(replayed, r => Assert.True(r.Position > positions[79]));
    }

    [Fact]
    public async Task Flushed_positions_survive_restarts_and_segment_ids_keep_growing()
    {
        var dir = new MemoryCommitLogDirectory();
        var log = Open(dir);
        log.Start();
        var first = log.Append(MutationFactory.Simple(1, "a")).Position;
        log.DiscardCompletedSegments(MutationFactory.TableA, first);
        await log.StopAsync();
        // The only segment is clean: the next start deletes it, and new ids stay above the recorded position.
        var (replayed, _, second) = Replay(dir);
        Assert.Empty(replayed);
        second.Start();
        Assert.True(second.CurrentPosition.SegmentId > first.SegmentId);
        Assert.DoesNotContain(CommitLogFormat.SegmentFileName(first.SegmentId), dir.List());
        var next = second.Append(MutationFactory.Simple(2, "b")).Position;
        await second.StopAsync();
        var (again, _, _) = Replay(dir);
        Assert.Equal(next, again.Single().Position);
    }

    [Fact]
    public void Oversized_mutations_are_rejected()
    {
        var log = Open(new MemoryCommitLogDirectory(), segmentSize: 4096);
        log.Start();
        var error = Assert.Throws<Sibyl.Common.Errors.InvalidRequestException>(() => log.Append(MutationFactory.Simple(1, new string('x', 3000))));
        Assert.Contains("oversized mutation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_appends_all_replay()
    {
        var dir = new MemoryCommitLogDirectory();
        var log = Open(dir, segmentSize: 8192, mode: CommitLogSyncMode.Batch);
        log.Start();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++) await log.AppendAsync(MutationFactory.Simple(t * 1000 + i, "v" + i));
        })));
        await log.StopAsync();
        var (replayed, result, _) = Replay(dir);
        Assert.Empty(result.DamagedFiles);
        Assert.Equal(400, replayed.Count);
        Assert.Equal(400, replayed.Select(r => BitConverter.ToInt32(r.Mutation.Key.Key)).Distinct().Count());
    }
    [Fact]
    public async Task Batch_mode_segments_are_preallocated_and_replay_from_what_was_synced()
    {
        var dir = new MemoryCommitLogDirectory();
        var log = Open(dir, segmentSize: 8192, mode: CommitLogSyncMode.Batch);
        log.Start();
        var written = new List<Mutation>();
        for (int i = 0; i < 120; i++)
        {
            var mutation = MutationFactory.Simple(i, "value-" + i + new string('x', 200));
            await log.AppendAsync(mutation);
            written.Add(mutation);
        }
        var segments = log.SegmentFileNames;
        Assert.True(segments.Count > 2, "the mutations should span several segments");
        // Every segment after the first (created at start) was zero-filled ahead of need.
        // A crash now leaves only the synced bytes: every acknowledged record is there, and the zeros after
        // the last one read as the end of the segment, not as damage.
        var crashed = new MemoryCommitLogDirectory();
        foreach (var name in dir.List()) crashed.Put(name, dir.Durable(name));
        Assert.All(segments.Skip(1).SkipLast(1), name => Assert.Equal(8192, crashed.ReadAll(name).Length));
        var (replayed, result, _) = Replay(crashed);
        Assert.Empty(result.DamagedFiles);
        Assert.Equal(written.Count, replayed.Count);
        for (int i = 0; i < written.Count; i++) MutationFactory.AssertEqual(written[i], replayed[i].Mutation);

        // The segment prepared for later never received a record: stopping removes it.
        Assert.Equal(segments.Count + 1, dir.List().Count);
        await log.StopAsync();
        Assert.Equal(segments, dir.List());
    }
}
