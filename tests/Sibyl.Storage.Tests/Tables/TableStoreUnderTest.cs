using Sibyl.Data.Model;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Tests.Tables;

/// <summary>
/// A <see cref="TableStore"/> driven by the shared conformance suites: writes are flushed to SSTables every
/// <c>flushEvery</c> updates, and optionally compacted (major) before each read, so the suites check merged
/// memtable + SSTable reads against the memtable's answers.
/// </summary>
internal sealed class TableStoreUnderTest : IStoreUnderTest, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly int _flushEvery;
    private readonly bool _compactBeforeRead;
    private int _writes;
    private bool _dirty;

    public TableStoreUnderTest(ClusteringComparator comparator, int flushEvery, bool compactBeforeRead)
    {
        _flushEvery = flushEvery;
        _compactBeforeRead = compactBeforeRead;
        // The compaction clock stands at the epoch: nothing expires or passes gc grace, compaction only merges.
        var options = TableStoreOptions.Default with
        {
            Time = new FixedTime(0),
            Compression = new Dictionary<string, string> { ["class"] = "LZ4Compressor", ["chunk_length_in_kb"] = "1" },
        };
        Store = new TableStore("ks", "t", TestData.TableId, comparator, options, _directory.Path) { AutoCompactionEnabled = false };
    }

    public TableStore Store { get; }

    public void Apply(PartitionUpdate update)
    {
        Store.Apply(update, new CommitLogPosition(1, ++_writes));
        _dirty = true;
        if (_writes % _flushEvery == 0) Store.FlushAsync().GetAwaiter().GetResult();
    }

    public IReadOnlyList<PartitionData> Read(ReadCommand command)
    {
        if (_compactBeforeRead && _dirty)
        {
            Store.CompactAsync().GetAwaiter().GetResult();
            _dirty = false;
        }
        return Store.Read(command);
    }

    public void Dispose()
    {
        Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory.Dispose();
    }
}

/// <summary>Collects the stores a suite creates so the test class can dispose them.</summary>
internal sealed class StoresToDispose : IDisposable
{
    private readonly List<IDisposable> _stores = [];

    public T Add<T>(T store) where T : IDisposable
    {
        lock (_stores) _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        lock (_stores)
        {
            foreach (var s in _stores) s.Dispose();
            _stores.Clear();
        }
    }
}
