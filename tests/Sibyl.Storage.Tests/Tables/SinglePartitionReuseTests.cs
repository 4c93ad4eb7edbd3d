using Sibyl.Data.Model;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.Tables;

/// <summary>
/// Single partition reads of a table store reuse, per thread, the list of versions and the snapshot of the current
/// memtable: one read's answer must never see the next read's partition, wide or narrow, with or without statics.
/// </summary>
public sealed class SinglePartitionReuseTests
{
    [Fact]
    public void SuccessiveReadsOnOneThreadKeepTheirOwnRowsAndStaticRow()
    {
        using var store = new TableStoreUnderTest(Comparator(false), flushEvery: int.MaxValue, compactBeforeRead: false);
        var wide = UpdateOf(1, [.. Enumerable.Range(0, 300).Select(ck => Insert(Ck(ck), ck, 1))]);
        wide.Add(Static(7, 1));
        store.Apply(wide);
        store.Apply(UpdateOf(2, Insert(Ck(5), 50, 1)));

        var first = store.Read(ReadPartition(1)).Single();
        var second = store.Read(ReadPartition(2)).Single();
        var third = store.Read(ReadPartition(1, limit: 2)).Single();
        var absent = store.Read(ReadPartition(3));

        Assert.Equal(Enumerable.Range(0, 300), FirstClusterings(first));
        Assert.Equal(7, ValueOf(first.StaticRow!, "s"));
        Assert.Equal([5], FirstClusterings(second));
        Assert.Null(second.StaticRow);
        Assert.Equal(50, ValueOf(second.Rows[0]));
        Assert.Equal([0, 1], FirstClusterings(third));
        Assert.Empty(absent);
    }

    [Fact]
    public void ReadsMergeTheReusedMemtableSnapshotWithSSTables()
    {
        using var store = new TableStoreUnderTest(Comparator(false), flushEvery: 2, compactBeforeRead: false);
        store.Apply(UpdateOf(1, Insert(Ck(1), 10, 1)));
        store.Apply(UpdateOf(1, Insert(Ck(2), 20, 1))); // flushed with the first
        store.Apply(UpdateOf(1, Insert(Ck(1), 11, 2), Insert(Ck(3), 30, 2))); // in the memtable

        for (int i = 0; i < 3; i++)
        {
            var partition = store.Read(ReadPartition(1)).Single();
            Assert.Equal([1, 2, 3], FirstClusterings(partition));
            Assert.Equal([11, 20, 30], partition.Rows.Select(r => ValueOf(r)));
        }
    }
}
