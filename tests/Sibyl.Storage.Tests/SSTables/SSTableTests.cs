using Sibyl.Data.Model;
using Sibyl.Storage.SSTables;
using Sibyl.Storage.Tables;
using Sibyl.Storage.Tests.Tables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.SSTables;

public sealed class SSTableTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private TableStore _store = null!;

    private static TableStoreOptions Options(string compressor = "LZ4Compressor", int chunkKb = 1) => TableStoreOptions.Default with
    {
        Time = new FixedTime(Now),
        Compression = new Dictionary<string, string> { ["class"] = compressor, ["chunk_length_in_kb"] = chunkKb.ToString(System.Globalization.CultureInfo.InvariantCulture) },
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

    private async Task<SSTableReader> WideSSTable(int rows)
    {
        var update = UpdateOf(7);
        for (int i = 0; i < rows; i++) update.Add(Insert(Ck(i), i, 10));
        _store.Apply(update, CommitLogPosition.None);
        await _store.FlushAsync();
        return Assert.Single(_store.LiveSSTables);
    }

    [Fact]
    public async Task DataDirectoryFollowsCassandrasLayout()
    {
        _store.Apply(UpdateOf(1, Insert(Ck(1), 1, 10)), CommitLogPosition.None);
        await _store.FlushAsync();
        string expectedDir = Path.Combine(_dir.Path, "ks", "t-" + TableId.ToString("N"));
        Assert.Equal(expectedDir, _store.Directory);
        string[] files = [.. Directory.GetFiles(expectedDir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];
        Assert.Equal(["sa-1-big-Data.db", "sa-1-big-Filter.db", "sa-1-big-Index.db", "sa-1-big-Statistics.db", "sa-1-big-Summary.db", "sa-1-big-TOC.txt"], files);
    }

    [Fact]
    public async Task StatisticsDescribeTheData()
    {
        _store.Apply(UpdateOf(1, Insert(Ck(5), 1, 100), DeleteRow(Ck(9), 300)), CommitLogPosition.None);
        _store.Apply(UpdateOf(2, Update(Ck(2), 1, 50)), CommitLogPosition.None);
        await _store.FlushAsync();
        var stats = Assert.Single(_store.LiveSSTables).Statistics;
        Assert.Equal(2, stats.PartitionCount);
        Assert.Equal(3, stats.RowCount);
        Assert.Equal(50, stats.MinTimestamp);
        Assert.Equal(300, stats.MaxTimestamp);
        Assert.Equal(1, stats.TombstoneCount);
        Assert.Equal(Now, stats.MinLocalDeletionTime);
        Assert.Equal(2, (int)Sibyl.Data.Types.CqlType.Int.Compose(stats.MinClustering![0])!);
        Assert.Equal(9, (int)Sibyl.Data.Types.CqlType.Int.Compose(stats.MaxClustering![0])!);
        Assert.Equal(0, stats.EstimatedDroppableTombstoneRatio(Now - 1));
        Assert.True(stats.EstimatedDroppableTombstoneRatio(Now + 10_000) > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WideSliceReadsOnlyTheBlocksItNeeds(bool reversed)
    {
        var sstable = await WideSSTable(20_000);
        long total = (sstable.DataSize / 1024) + 1;
        Assert.True(total > 100, $"expected many blocks, data is {sstable.DataSize} bytes");
        long before = sstable.BlockReads;
        var filter = Filter(reversed, SliceOf(Bound(true, 12_000), Bound(false, 12_010)));
        var partition = Assert.Single(_store.Read(ReadPartition(7, filter)));
        var expected = Enumerable.Range(12_000, 10);
        Assert.Equal(reversed ? expected.Reverse() : expected, FirstClusterings(partition));
        long reads = sstable.BlockReads - before;
        // The header block, then the one or two blocks holding the slice.
        Assert.InRange(reads, 1, 3);
    }

    [Fact]
    public async Task WidePartitionReadsWholeInBothDirections()
    {
        await WideSSTable(5_000);
        var forward = FirstClusterings(Assert.Single(_store.Read(ReadPartition(7))));
        Assert.Equal(Enumerable.Range(0, 5_000), forward);
        var backward = FirstClusterings(Assert.Single(_store.Read(ReadPartition(7, Filter(true, Slice.All), limit: 100))));
        Assert.Equal(Enumerable.Range(4_900, 100).Reverse(), backward);
    }

    [Fact]
    public async Task PointReadOfAbsentKeyIsStoppedByTheBloomFilter()
    {
        for (int pk = 0; pk < 200; pk++) _store.Apply(UpdateOf(pk, Insert(Ck(1), pk, 10)), CommitLogPosition.None);
        await _store.FlushAsync();
        var sstable = Assert.Single(_store.LiveSSTables);
        long before = sstable.BlockReads;
        int misses = 0;
        for (int pk = 1000; pk < 2000; pk++)
            if (_store.Read(ReadPartition(pk)).Count == 0) misses++;
        Assert.Equal(1000, misses);
        // At 1% false positives, a thousand absent keys cost a handful of index lookups and no data reads.
        Assert.Equal(before, sstable.BlockReads);
        Assert.Equal(199, PkOf(Assert.Single(_store.Read(ReadPartition(199)))));
    }

    [Fact]
    public async Task PartitionDeletionSkipsOlderSSTables()
    {
        _store.Apply(UpdateOf(1, Insert(Ck(1), 1, 10)), CommitLogPosition.None);
        await _store.FlushAsync();
        var older = Assert.Single(_store.LiveSSTables);
        var deletion = UpdateOf(1);
        deletion.DeletePartition(new DeletionTime(20, Now));
        _store.Apply(deletion, CommitLogPosition.None);
        _store.Apply(UpdateOf(1, Insert(Ck(2), 2, 30)), CommitLogPosition.None);
        await _store.FlushAsync();
        long before = older.BlockReads;
        var metrics = new ReadMetrics();
        Assert.Equal([2], FirstClusterings(Assert.Single(_store.Read(ReadPartition(1), metrics))));
        Assert.Equal(1, metrics.SSTablesRead);
        Assert.Equal(before, older.BlockReads);
    }

    [Fact]
    public async Task CorruptDataBlockIsDetectedAndNamesTheFile()
    {
        await WideSSTable(2_000);
        var sstable = Assert.Single(_store.LiveSSTables);
        string path = sstable.DataPath;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
        {
            stream.Position = stream.Length / 2;
            int b = stream.ReadByte();
            stream.Position = stream.Length / 2;
            stream.WriteByte((byte)(b ^ 0x5A));
        }
        var e = Assert.Throws<CorruptSSTableException>(() => _store.Read(ReadPartition(7)));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public async Task TruncatedIndexIsDetected()
    {
        for (int pk = 0; pk < 50; pk++) _store.Apply(UpdateOf(pk, Insert(Ck(1), pk, 10)), CommitLogPosition.None);
        await _store.FlushAsync();
        string index = _store.LiveSSTables[0].Descriptor.PathOf(SSTableComponent.Index);
        using (var stream = new FileStream(index, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            stream.SetLength(stream.Length - 3);
        var range = new PartitionRangeReadCommand(TableId, null, null, ClusteringIndexFilter.All, DataLimits.None, Now);
        var e = Assert.Throws<CorruptSSTableException>(() => _store.Read(range));
        Assert.Equal(index, e.FilePath);
    }

    [Fact]
    public void Lz4BlocksRoundTrip()
    {
        var data = new byte[10_000];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(i % 17);
        var compressed = new byte[Sibyl.Common.Compression.Lz4Block.MaxCompressedLength(data.Length)];
        int length = Sibyl.Common.Compression.Lz4Block.Compress(data, compressed);
        Assert.InRange(length, 1, data.Length / 10);
        var back = new byte[data.Length];
        Assert.True(Sibyl.Common.Compression.Lz4Block.TryDecompress(compressed.AsSpan(0, length), back));
        Assert.Equal(data, back);
        compressed[length / 2] ^= 0xFF;
        compressed[0] ^= 0xFF;
        Assert.False(Sibyl.Common.Compression.Lz4Block.TryDecompress(compressed.AsSpan(0, length), back) && back.AsSpan().SequenceEqual(data));
    }

    [Fact]
    public async Task CorruptComponentAtStartUpIsReportedAndTheRestServed()
    {
        _store.Apply(UpdateOf(1, Insert(Ck(1), 1, 10)), CommitLogPosition.None);
        await _store.FlushAsync();
        _store.Apply(UpdateOf(2, Insert(Ck(1), 2, 10)), CommitLogPosition.None);
        await _store.FlushAsync();
        var damaged = _store.LiveSSTables[0].Descriptor;
        await _store.DisposeAsync();
        string stats = damaged.PathOf(SSTableComponent.Statistics);
        var bytes = File.ReadAllBytes(stats);
        bytes[10] ^= 0xFF;
        File.WriteAllBytes(stats, bytes);

        _store = new TableStore("ks", "t", TableId, Comparator(false), Options(), _dir.Path);
        var corrupt = Assert.Single(_store.CorruptSSTables);
        Assert.Contains(stats, corrupt);
        Assert.Single(_store.LiveSSTables);
        Assert.Single(_store.Read(ReadPartition(2)));
    }

    [Fact]
    public async Task UnfinishedWritesAreRemovedAtStartUp()
    {
        _store.Apply(UpdateOf(1, Insert(Ck(1), 1, 10)), CommitLogPosition.None);
        await _store.FlushAsync();
        var published = _store.LiveSSTables[0].Descriptor;
        await _store.DisposeAsync();
        // A flush that died before its TOC was renamed, and one that died mid-write.
        var unpublished = new SSTableDescriptor(published.Directory, 7);
        foreach (var c in SSTableDescriptor.AllComponents.Where(c => c != SSTableComponent.Toc))
            File.Copy(published.PathOf(c), unpublished.PathOf(c));
        File.WriteAllText(new SSTableDescriptor(published.Directory, 8).PathOf(SSTableComponent.Data, temporary: true), "partial");

        _store = new TableStore("ks", "t", TableId, Comparator(false), Options(), _dir.Path);
        Assert.Single(_store.LiveSSTables);
        Assert.Equal(6, Directory.GetFiles(_store.Directory).Length);
        // New generations never reuse the ones seen on disk.
        _store.Apply(UpdateOf(2, Insert(Ck(1), 1, 10)), CommitLogPosition.None);
        await _store.FlushAsync();
        Assert.Contains(_store.LiveSSTables, s => s.Descriptor.Generation == 9);
    }

    [Fact]
    public async Task FlushReportsTheCommitLogPositionItCovered()
    {
        _store.Apply(UpdateOf(1, Insert(Ck(1), 1, 10)), new CommitLogPosition(3, 100));
        _store.Apply(UpdateOf(2, Insert(Ck(1), 1, 10)), new CommitLogPosition(3, 250));
        Assert.Equal(new CommitLogPosition(3, 250), await _store.FlushAsync());
        Assert.Equal(new CommitLogPosition(3, 250), await _store.FlushAsync());
    }

    [Fact]
    public async Task SizeThresholdFlushesInTheBackground()
    {
        await _store.DisposeAsync();
        _store = new TableStore("ks", "t", TableId, Comparator(false), Options() with { MemtableFlushThresholdBytes = 10_000 }, _dir.Path);
        for (int i = 0; i < 2_000; i++) _store.Apply(UpdateOf(i % 50, Insert(Ck(i), i, 10)), CommitLogPosition.None);
        for (int i = 0; i < 200 && _store.LiveSSTables.Count == 0; i++) await Task.Delay(20);
        Assert.NotEmpty(_store.LiveSSTables);
        int rows = 0;
        for (int pk = 0; pk < 50; pk++) rows += _store.Read(ReadPartition(pk)).Sum(p => p.Rows.Count);
        Assert.Equal(2_000, rows);
    }

    [Fact]
    public async Task TombstoneThresholdsWarnThenFail()
    {
        await _store.DisposeAsync();
        _store = new TableStore("ks", "t", TableId, Comparator(false),
            Options() with { TombstoneWarnThreshold = 10, TombstoneFailureThreshold = 100 }, _dir.Path);
        for (int i = 0; i < 50; i++) _store.Apply(UpdateOf(1, DeleteRow(Ck(i), 10)), CommitLogPosition.None);
        _store.Apply(UpdateOf(1, Insert(Ck(100), 1, 10)), CommitLogPosition.None);
        await _store.FlushAsync();
        var metrics = new ReadMetrics();
        Assert.Single(Assert.Single(_store.Read(ReadPartition(1), metrics)).Rows);
        Assert.Equal(50, metrics.TombstonesScanned);
        Assert.Contains("50 tombstone cells", metrics.Warning);
        for (int i = 50; i < 150; i++) _store.Apply(UpdateOf(1, DeleteRow(Ck(i), 10)), CommitLogPosition.None);
        var e = Assert.Throws<Sibyl.Common.Errors.ReadFailureException>(() => _store.Read(ReadPartition(1)));
        Assert.Contains("TOMBSTONE_OVERWHELM", e.Message);
    }

    [Fact]
    public async Task TruncateRemovesFilesAndData()
    {
        _store.Apply(UpdateOf(1, Insert(Ck(1), 1, 10)), new CommitLogPosition(2, 5));
        await _store.FlushAsync();
        _store.Apply(UpdateOf(2, Insert(Ck(1), 1, 10)), new CommitLogPosition(2, 9));
        Assert.Equal(new CommitLogPosition(2, 9), _store.Truncate());
        Assert.Empty(_store.Read(ReadPartition(1)));
        Assert.Empty(_store.Read(ReadPartition(2)));
        Assert.Empty(Directory.GetFiles(_store.Directory));
    }

    [Fact]
    public async Task SnapshotsAreHardLinksThatOutliveCompaction()
    {
        _store.Apply(UpdateOf(1, Insert(Ck(1), 1, 10)), CommitLogPosition.None);
        await _store.FlushAsync();
        _store.Apply(UpdateOf(2, Insert(Ck(1), 1, 10)), CommitLogPosition.None);
        string snapshot = await _store.SnapshotAsync("before");
        Assert.Equal(2, Directory.GetFiles(snapshot, "*-Data.db").Length);
        Assert.True(File.Exists(Path.Combine(snapshot, "manifest.json")));
        await _store.CompactAsync();
        var info = Assert.Single(_store.ListSnapshots());
        Assert.Equal("before", info.Name);
        Assert.True(info.TrueSize > 0 && info.TrueSize == info.SizeOnDisk);
        Assert.Equal(1, _store.ClearSnapshot("before"));
        Assert.Empty(_store.ListSnapshots());
    }
}
