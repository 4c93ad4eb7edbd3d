using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// Writes one SSTable from partitions appended in token order, under temporary names; <see cref="Finish"/>
/// fsyncs every component and publishes them by rename, the TOC last. Not thread-safe.
/// </summary>
public sealed class SSTableWriter : IDisposable
{
    private readonly SSTableDescriptor _descriptor;
    private readonly ClusteringComparator _comparator;
    private readonly SSTableWriterOptions _options;
    private readonly FileStream _data;
    private readonly FileStream _index;
    private readonly ByteWriter _block;
    private readonly ByteWriter _indexBuffer = new(1024);
    private readonly ByteWriter _scratch = new(1024);
    private readonly BloomFilter _filter;
    private readonly SSTableStatistics.Collector _stats;
    private readonly List<DecoratedKey> _summaryKeys = [];
    private readonly List<long> _summaryOffsets = [];
    private readonly List<RowIndexSegment> _segments = [];
    private byte[] _compressScratch = [];
    private long _blockOffset;
    private long _logicalBytes;
    private long _entries;
    private DecoratedKey? _lastKey;
    private bool _finished;

    public SSTableWriter(SSTableDescriptor descriptor, ClusteringComparator comparator, SSTableWriterOptions options, long expectedPartitions)
    {
        _descriptor = descriptor;
        _comparator = comparator;
        _options = options;
        _block = new ByteWriter(options.BlockSize + 1024);
        _filter = BloomFilter.Create(expectedPartitions, options.BloomFilterFpChance);
        _stats = new SSTableStatistics.Collector(comparator);
        Directory.CreateDirectory(descriptor.Directory);
        _data = Create(SSTableComponent.Data);
        _index = Create(SSTableComponent.Index);
        var preamble = new ByteWriter(16);
        ComponentFile.WritePreamble(preamble, ComponentFile.DataMagic);
        _data.Write(preamble.WrittenSpan);
        preamble.Clear();
        ComponentFile.WritePreamble(preamble, ComponentFile.IndexMagic);
        _index.Write(preamble.WrittenSpan);
        _blockOffset = _data.Position;
    }

    public SSTableDescriptor Descriptor => _descriptor;

    /// <summary>Bytes written to the data file so far, including the open block: what size-based rolling checks.</summary>
    public long OnDiskDataSize => _data.Position + _block.Length;

    public long PartitionCount => _stats.PartitionCount;

    private FileStream Create(SSTableComponent component) =>
        new(_descriptor.PathOf(component, temporary: true), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024);

    /// <summary>Appends a partition (keys strictly increasing); a partition with nothing in it is skipped.</summary>
    public void Append(IUnfilteredPartition partition)
    {
        if (_lastKey is not null && partition.Key.CompareTo(_lastKey) <= 0)
            throw new InvalidOperationException($"Partitions out of order: {partition.Key} after {_lastKey}");
        if (_block.Length >= _options.BlockSize) FlushBlock();
        long headerBlock = _blockOffset;
        int headerOffset = _block.Length;
        long startBytes = _logicalBytes + _block.Length;
        RowSerializer.WritePartitionHeader(_block, partition.Key.Key, partition.PartitionDeletion, partition.RangeTombstones, partition.StaticRow);
        _segments.Clear();
        long segmentBlock = -1;
        int rows = 0;
        foreach (var row in partition.Rows(Slice.All, reversed: false))
        {
            if (_block.Length >= _options.BlockSize) FlushBlock();
            if (_blockOffset != segmentBlock)
            {
                _segments.Add(new RowIndexSegment(_blockOffset, _block.Length, row.Clustering));
                segmentBlock = _blockOffset;
            }
            _block.WriteByte(RowSerializer.RowMarker);
            RowSerializer.WriteRow(_block, row);
            _stats.AddRow(row);
            rows++;
        }
        if (rows == 0 && partition.PartitionDeletion.IsLive && partition.RangeTombstones.Count == 0 && partition.StaticRow is null)
        {
            _block.Truncate(headerOffset); // nothing stored: no block was closed since the header
            return;
        }
        _block.WriteByte(RowSerializer.EndOfPartition);
        if (partition.StaticRow is not null) _stats.AddRow(partition.StaticRow);
        _stats.AddPartition(partition.Key, partition.PartitionDeletion, partition.RangeTombstones, _logicalBytes + _block.Length - startBytes);
        bool spansBlocks = false;
        foreach (var s in _segments) spansBlocks |= s.BlockOffset != headerBlock;
        var entry = new IndexEntry(partition.Key, headerBlock, headerOffset, spansBlocks ? [.. _segments] : []);
        if (_entries % _options.IndexInterval == 0)
        {
            _summaryKeys.Add(partition.Key);
            _summaryOffsets.Add(_index.Position);
        }
        _indexBuffer.Clear();
        entry.Write(_indexBuffer, _scratch);
        _index.Write(_indexBuffer.WrittenSpan);
        _filter.Add(partition.Key.Key);
        _entries++;
        _lastKey = partition.Key;
    }

    private void FlushBlock()
    {
        if (_block.Length == 0) return;
        _logicalBytes += _block.Length;
        DataBlock.Write(_data, _block.WrittenSpan, _options.Compression, ref _compressScratch);
        _block.Clear();
        _blockOffset = _data.Position;
    }

    /// <summary>Fsyncs and publishes the SSTable; returns null (and leaves no file) when nothing was appended.</summary>
    public SSTableReader? Finish(ClusteringComparator? readerComparator = null)
    {
        if (_entries == 0)
        {
            Abort();
            return null;
        }
        FlushBlock();
        _data.Flush(flushToDisk: true);
        _index.Flush(flushToDisk: true);
        _data.Dispose();
        _index.Dispose();

        var w = new ByteWriter(4096);
        ComponentFile.WritePreamble(w, ComponentFile.SummaryMagic);
        new IndexSummary(_options.IndexInterval, [.. _summaryKeys], [.. _summaryOffsets]).Write(w);
        ComponentFile.WriteChecksummed(_descriptor.PathOf(SSTableComponent.Summary, true), w);

        w = new ByteWriter((int)Math.Min(int.MaxValue / 2, _filter.SizeInBytes + 64));
        ComponentFile.WritePreamble(w, ComponentFile.FilterMagic);
        _filter.Write(w);
        ComponentFile.WriteChecksummed(_descriptor.PathOf(SSTableComponent.Filter, true), w);

        w = new ByteWriter(1024);
        ComponentFile.WritePreamble(w, ComponentFile.StatisticsMagic);
        _stats.Build(_options.Level).Write(w);
        ComponentFile.WriteChecksummed(_descriptor.PathOf(SSTableComponent.Statistics, true), w);

        string toc = string.Concat(SSTableDescriptor.AllComponents.Select(c => SSTableDescriptor.FileSuffix(c) + "\n"));
        using (var stream = new FileStream(_descriptor.PathOf(SSTableComponent.Toc, true), FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(toc));
            stream.Flush(flushToDisk: true);
        }

        // The TOC goes last: an SSTable without a TOC is an unfinished write and is deleted at start-up.
        foreach (var component in SSTableDescriptor.AllComponents)
            File.Move(_descriptor.PathOf(component, true), _descriptor.PathOf(component), overwrite: false);
        DirectorySync.Sync(_descriptor.Directory);
        _finished = true;
        return SSTableReader.Open(_descriptor, readerComparator ?? _comparator, _options.Caches);
    }

    /// <summary>Deletes the temporary files of an unfinished SSTable.</summary>
    public void Abort()
    {
        if (_finished) return;
        _finished = true;
        _data.Dispose();
        _index.Dispose();
        foreach (var component in SSTableDescriptor.AllComponents)
            File.Delete(_descriptor.PathOf(component, true));
    }

    public void Dispose()
    {
        if (!_finished) Abort();
    }
}
