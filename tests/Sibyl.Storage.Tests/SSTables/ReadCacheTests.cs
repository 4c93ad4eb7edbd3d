using Sibyl.Storage.Caching;
using Sibyl.Storage.Tables;
using Sibyl.Storage.Tests.Tables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.SSTables;

/// <summary>The chunk and key caches: repeated point reads skip the index and the data file, results unchanged,
/// and an SSTable's entries go with it.</summary>
public sealed class ReadCacheTests
{
    [Fact]
    public async Task RepeatedPointReadsHitTheCachesAndReturnTheSameRows()
    {
        using var dir = new TempDirectory();
        var caches = new SSTableReadCaches(chunkCacheBytes: 16 << 20, keyCacheBytes: 1 << 20);
        var options = TableStoreOptions.Default with { Caches = caches };
        await using var store = new TableStore("ks", "t", TableId, Comparator(false), options, dir.Path);
        for (int pk = 0; pk < 500; pk++) store.Apply(UpdateOf(pk, Insert(Ck(1), pk, 10), Insert(Ck(2), -pk, 10)), CommitLogPosition.None);
        await store.FlushAsync();
        var sstable = Assert.Single(store.LiveSSTables);

        var first = Enumerable.Range(0, 500).Select(pk => store.Read(ReadPartition(pk)).Single()).ToList();
        long blockReads = sstable.BlockReads;
        Assert.Equal(500, caches.KeyCacheEntries);
        var second = Enumerable.Range(0, 500).Select(pk => store.Read(ReadPartition(pk)).Single()).ToList();
        Assert.Equal(blockReads, sstable.BlockReads); // every block came from the chunk cache
        Assert.True(caches.KeyCacheHits >= 500);
        for (int pk = 0; pk < 500; pk++)
        {
            Assert.Equal(first[pk].Rows.Select(r => r.Cells[0].Value), second[pk].Rows.Select(r => r.Cells[0].Value));
            Assert.Equal(I(-pk), second[pk].Rows[1].Cells[0].Value);
        }

        // An overwrite flushed to a second SSTable and compacted: the caches forget the old files.
        store.Apply(UpdateOf(7, Insert(Ck(1), 700, 20)), CommitLogPosition.None);
        await store.FlushAsync();
        await store.CompactAsync();
        Assert.Single(store.LiveSSTables);
        Assert.Equal(0, caches.KeyCacheEntries);
        Assert.Equal(0, caches.ChunkCacheBytes);
        Assert.Equal(I(700), store.Read(ReadPartition(7)).Single().Rows[0].Cells[0].Value);
    }

    [Fact]
    public async Task IndexSeekFindsEveryKeyAndStopsPastAbsentOnes()
    {
        // No bloom filter (fp chance 1) and a summary entry every 4 keys: every lookup walks Index.db in place.
        using var dir = new TempDirectory();
        var options = TableStoreOptions.Default with { BloomFilterFpChance = 1.0, MinIndexInterval = 4, Caches = new SSTableReadCaches() };
        await using var store = new TableStore("ks", "t", TableId, Comparator(false), options, dir.Path);
        for (int pk = 0; pk < 2000; pk += 2) store.Apply(UpdateOf(pk, Insert(Ck(1), pk, 10)), CommitLogPosition.None);
        await store.FlushAsync();
        Assert.Single(store.LiveSSTables);
        for (int pk = 0; pk < 2000; pk++)
        {
            var result = store.Read(ReadPartition(pk));
            if (pk % 2 == 1)
            {
                Assert.Empty(result);
                continue;
            }
            var partition = Assert.Single(result);
            Assert.Equal(Key(pk), partition.Key);
            Assert.Equal(I(pk), partition.Rows.Single().Cells[0].Value);
        }
    }

    [Fact]
    public void ClockCacheStaysWithinCapacityAndKeepsWhatIsRead()
    {
        var cache = new ClockCache<int, string>(capacity: 100);
        for (int i = 0; i < 10; i++) cache.Add(i, "v" + i, 10);
        Assert.Equal(100, cache.Weight);
        Assert.True(cache.TryGet(0, out _)); // referenced: survives the next sweep
        while (!cache.TryGet(10, out _)) cache.Add(10, "v10", 10); // admitted one time in AdmitOneIn once full
        Assert.True(cache.Weight <= 100);
        Assert.True(cache.TryGet(0, out var kept));
        Assert.Equal("v0", kept);
        Assert.False(cache.TryGet(1, out _)); // the oldest unreferenced entry went
        int admitted = 0;
        for (int i = 11; i < 2000; i++)
        {
            cache.Add(i, "v" + i, 10);
            if (cache.TryGet(i, out _)) admitted++;
        }
        Assert.True(cache.Weight <= 100);
        Assert.InRange(admitted, 1, 1000); // about 1 in 8 of 1,989 once full
        cache.Add(5000, "too big", 101);
        Assert.False(cache.TryGet(5000, out _));
        cache.RemoveWhere(k => k % 2 == 0);
        Assert.All(Enumerable.Range(0, 2000).Where(k => k % 2 == 0), k => Assert.False(cache.TryGet(k, out _)));
    }
}
