using Microsoft.Win32.SafeHandles;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.Caching;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// An open, immutable SSTable: statistics, bloom filter and index summary in memory, data and index read
/// positionally (thread-safe). Reference counted: the live set holds one reference, each read holds one while
/// it runs; once obsolete (compacted away, truncated) the last release closes the files and deletes them.
/// </summary>
public sealed class SSTableReader
{
    private readonly SafeFileHandle _data;
    private readonly SafeFileHandle _index;
    private readonly long _indexLength;
    private readonly IndexSummary _summary;
    private readonly SSTableReadCaches? _caches;
    private readonly long _cacheId;
    private long _blockReads;
    private int _references = 1;
    private int _obsolete;

    private SSTableReader(SSTableDescriptor descriptor, ClusteringComparator comparator, SSTableStatistics statistics,
        BloomFilter filter, IndexSummary summary, SafeFileHandle data, SafeFileHandle index, SSTableReadCaches? caches)
    {
        _caches = caches;
        _cacheId = caches?.NextSSTableId() ?? 0;
        Descriptor = descriptor;
        Comparator = comparator;
        Statistics = statistics;
        Filter = filter;
        _summary = summary;
        _data = data;
        _index = index;
        _indexLength = RandomAccess.GetLength(index);
        DataPath = descriptor.PathOf(SSTableComponent.Data);
        OnDiskSize = SSTableDescriptor.AllComponents.Sum(c => new FileInfo(descriptor.PathOf(c)).Length);
        DataSize = RandomAccess.GetLength(data);
        if (statistics.MinClustering is { } min && statistics.MaxClustering is { } max)
            ClusteringRange = (new Clustering(min), new Clustering(max));
    }

    /// <summary>The smallest and largest row clustering the statistics record (null when unknown), made once for slice checks.</summary>
    public (Clustering Min, Clustering Max)? ClusteringRange { get; }

    public SSTableDescriptor Descriptor { get; }
    public ClusteringComparator Comparator { get; }
    public SSTableStatistics Statistics { get; }
    public BloomFilter Filter { get; }
    public string DataPath { get; }
    public long OnDiskSize { get; }
    public long DataSize { get; }
    public int Level => Statistics.Level;
    public DecoratedKey FirstKey => Statistics.FirstKey;
    public DecoratedKey LastKey => Statistics.LastKey;
    public long IndexSummarySize => _summary.SizeInBytes;

    /// <summary>Data blocks read and verified since open: tests check that slices touch only what they need.</summary>
    public long BlockReads => Interlocked.Read(ref _blockReads);

    /// <summary>Opens a published SSTable, verifying the checksums of the components it loads whole. Point reads go
    /// through <paramref name="caches"/> when given.</summary>
    public static SSTableReader Open(SSTableDescriptor descriptor, ClusteringComparator comparator, SSTableReadCaches? caches = null)
    {
        string statsPath = descriptor.PathOf(SSTableComponent.Statistics);
        var statistics = Parse(statsPath, ComponentFile.StatisticsMagic, static (ref ByteReader r) => SSTableStatistics.Read(ref r));
        var filter = Parse(descriptor.PathOf(SSTableComponent.Filter), ComponentFile.FilterMagic, static (ref ByteReader r) => BloomFilter.Read(ref r));
        var summary = Parse(descriptor.PathOf(SSTableComponent.Summary), ComponentFile.SummaryMagic, static (ref ByteReader r) => IndexSummary.Read(ref r));
        SafeFileHandle? data = null, index = null;
        try
        {
            data = File.OpenHandle(descriptor.PathOf(SSTableComponent.Data), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            index = File.OpenHandle(descriptor.PathOf(SSTableComponent.Index), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            CheckPreamble(data, ComponentFile.DataMagic, descriptor.PathOf(SSTableComponent.Data));
            CheckPreamble(index, ComponentFile.IndexMagic, descriptor.PathOf(SSTableComponent.Index));
            return new SSTableReader(descriptor, comparator, statistics, filter, summary, data, index, caches);
        }
        catch
        {
            data?.Dispose();
            index?.Dispose();
            throw;
        }
    }

    private delegate T BodyReader<out T>(ref ByteReader reader);

    private static T Parse<T>(string path, uint magic, BodyReader<T> read)
    {
        byte[] bytes = ComponentFile.ReadChecksummed(path, magic);
        try
        {
            var r = new ByteReader(bytes.AsSpan(0, bytes.Length - 4), ComponentFile.PreambleSize);
            return read(ref r);
        }
        catch (Exception e) when (e is InvalidDataException or OverflowException)
        {
            throw new CorruptSSTableException(path, e.Message, e);
        }
    }

    private static void CheckPreamble(SafeFileHandle file, uint magic, string path)
    {
        Span<byte> preamble = stackalloc byte[ComponentFile.PreambleSize];
        if (RandomAccess.Read(file, preamble, 0) != preamble.Length) throw new CorruptSSTableException(path, "file too short");
        ComponentFile.CheckPreamble(preamble, magic, path);
    }

    /// <summary>Whether the key may be here: inside [first, last] and passing the bloom filter.</summary>
    public bool MayContainKey(DecoratedKey key) =>
        key.CompareTo(FirstKey) >= 0 && key.CompareTo(LastKey) <= 0 && Filter.MayContain(key.Key);

    /// <summary>Whether any key between the positions may be here (null is unbounded).</summary>
    public bool Intersects(PartitionPosition? start, PartitionPosition? end) =>
        (start is not { } s || s.IsBeforeOrAt(LastKey)) && (end is not { } e || e.IsAfterOrAt(FirstKey));

    /// <summary>Point read: bloom filter, then the key cache, else summary and at most one interval of index entries.</summary>
    public IUnfilteredPartition? GetPartition(DecoratedKey key)
    {
        if (!MayContainKey(key)) return null;
        return FindEntry(key) is { } entry ? new SSTablePartition(this, entry, new BlockCache { Populate = true }) : null;
    }

    private IndexEntry? FindEntry(DecoratedKey key)
    {
        var cacheKey = new KeyCacheKey(_cacheId, key);
        bool keyCache = _caches is not null && _caches.Keys.Capacity > 0;
        if (keyCache && _caches!.Keys.TryGet(cacheKey, out var cached)) return cached;
        var entry = new IndexCursor(_index, _indexLength, IndexPath, _summary.OffsetFor(key)).Seek(key);
        if (entry is not null && keyCache) _caches!.Keys.Add(cacheKey, entry, entry.HeapSize);
        return entry;
    }

    private string IndexPath => Descriptor.PathOf(SSTableComponent.Index);

    /// <summary>The partitions between two positions in token order, read lazily.</summary>
    public IEnumerable<IUnfilteredPartition> Scan(PartitionPosition? start, PartitionPosition? end)
    {
        if (!Intersects(start, end)) yield break;
        long offset = start is { } s ? _summary.OffsetFor(s) : ComponentFile.PreambleSize;
        var cursor = new IndexCursor(_index, _indexLength, IndexPath, offset);
        var cache = new BlockCache();
        while (cursor.TryNext(out var entry))
        {
            if (start is { } from && !from.IsBeforeOrAt(entry.Key)) continue;
            if (end is { } to && !to.IsAfterOrAt(entry.Key)) yield break;
            yield return new SSTablePartition(this, entry, cache);
        }
    }

    /// <summary>A data block, from the chunk cache when there; <paramref name="populate"/> adds what was read
    /// (point reads do, scans do not, so a compaction or a full scan does not flush the cache).</summary>
    /// <summary>The chunk cache weight of a block beyond its bytes (the block and entry objects).</summary>
    private const int BlockCacheOverhead = 64;

    internal DataBlock ReadBlock(long offset, bool populate)
    {
        var key = new ChunkKey(_cacheId, offset);
        if (_caches is not null && _caches.Chunks.TryGet(key, out var cached)) return cached;
        Interlocked.Increment(ref _blockReads);
        if (!populate || _caches is null) return DataBlock.Read(_data, offset, DataPath);
        // Admission is drawn before decompressing: a block the cache keeps goes to the pinned object heap, where
        // the collector never copies it (cached blocks otherwise survive into gen2 through two copies each, and
        // those copies were the pauses behind point-read tail latency); a block it will not keep stays a
        // short-lived ordinary array.
        var chunks = _caches.Chunks;
        bool admitted = false;
        var block = DataBlock.Read(_data, offset, DataPath, length => admitted = chunks.Admits(length + BlockCacheOverhead));
        if (admitted) chunks.AddAdmitted(key, block, block.Data.Length + BlockCacheOverhead);
        return block;
    }

    /// <summary>Takes a reference for a read; false when the SSTable was already released.</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            int n = Volatile.Read(ref _references);
            if (n <= 0) return false;
            if (Interlocked.CompareExchange(ref _references, n + 1, n) == n) return true;
        }
    }

    public void Release()
    {
        int n = Interlocked.Decrement(ref _references);
        if (n > 0) return;
        _data.Dispose();
        _index.Dispose();
        _caches?.Invalidate(_cacheId);
        if (Volatile.Read(ref _obsolete) != 0) DeleteFiles(Descriptor);
    }

    /// <summary>Drops the live set's reference; the files go once the last read releases its own.</summary>
    public void MarkObsolete()
    {
        if (Interlocked.Exchange(ref _obsolete, 1) == 0) Release();
    }

    /// <summary>Closes the files without deleting them (shutdown).</summary>
    public void Close() => Release();

    /// <summary>Deletes every component, TOC first so a crash midway leaves an unpublished remainder.</summary>
    public static void DeleteFiles(SSTableDescriptor descriptor)
    {
        File.Delete(descriptor.PathOf(SSTableComponent.Toc));
        foreach (var component in SSTableDescriptor.AllComponents)
        {
            File.Delete(descriptor.PathOf(component));
            File.Delete(descriptor.PathOf(component, temporary: true));
        }
    }

    public override string ToString() => DataPath;
}
