using Sibyl.Data.Model;
using Sibyl.Storage.Memtables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.Memtables;

/// <summary>
/// The memtable's heap size estimate against what the runtime measures. The measurement is of the whole process,
/// so no other test may run meanwhile (its collection is not parallelized).
/// </summary>
[Collection(MemtableHeapSizeCollection.Name)]
public sealed class MemtableHeapSizeTests
{
    [Fact]
    public void HeapSizeCountsObjectOverheadAndSlabSpace()
    {
        var memtable = new Memtable(Comparator(false));
        for (int i = 0; i < 1000; i++) memtable.Apply(UpdateOf(i, Insert(Ck(1), i, 1)));
        long afterInserts = memtable.HeapSize;
        // One int cell per row is 4 bytes of payload; the objects behind a row and its partition are far more.
        Assert.True(afterInserts > 5 * memtable.LiveDataSize, $"heap {afterInserts} vs data {memtable.LiveDataSize}");
        // Same-shape overwrites are written in place: no new slab space, no new objects.
        for (int i = 0; i < 1000; i++) memtable.Apply(UpdateOf(i, Insert(Ck(1), i + 1, 2)));
        Assert.Equal(afterInserts, memtable.HeapSize);
        // A larger row moves to new slab space; the old copy is dead space until the flush (Cassandra's slab allocator).
        for (int i = 0; i < 1000; i++) memtable.Apply(UpdateOf(i, Row.Create(Ck(1), LivenessInfo.Empty, DeletionTime.Live, [Cell.Live("w", new byte[100], 3)])));
        long grown = memtable.HeapSize - afterInserts;
        Assert.True(grown >= 1000 * 100 && grown < 1000 * 200 + 2 * (1 << 20), $"larger overwrites grew the heap by {grown}");
        // The estimate is of the right magnitude: within a factor of two of what the runtime measured.
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var second = new Memtable(Comparator(false));
        var updates = Enumerable.Range(0, 20_000).Select(i => UpdateOf(i, Insert(Ck(1), i, 1))).ToList();
        long withUpdates = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var u in updates) second.Apply(u);
        updates.Clear();
        long measured = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(second);
        Assert.True(second.HeapSize > measured / 2 && second.HeapSize < measured * 2,
            $"estimated {second.HeapSize}, measured {measured} (updates alone {withUpdates - before})");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemtableHeapSizeCollection
{
    public const string Name = "memtable heap size";
}
