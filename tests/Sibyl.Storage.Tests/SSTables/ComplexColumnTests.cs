using Sibyl.Data.Model;
using Sibyl.Storage.Tables;
using Sibyl.Storage.Tests.Tables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.SSTables;

/// <summary>
/// Collection element cells and complex deletions through memtables, flushed SSTables and compaction: the same
/// reads before and after every step.
/// </summary>
public sealed class ComplexColumnTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private TableStore _store = null!;

    public Task InitializeAsync()
    {
        var options = TableStoreOptions.Default with { Time = new FixedTime(Now) };
        _store = new TableStore("ks", "t", TableId, Comparator(false), options, _dir.Path) { AutoCompactionEnabled = false };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    private static Cell Element(string column, int path, long ts) => Cell.Live(column, I(path), ts, path: I(path));

    private static ComplexDeletion Deleted(string column, long ts) => new(column, new DeletionTime(ts, Now));

    private static Row RowWith(Clustering ck, Cell[] cells, params ComplexDeletion[] complex) =>
        Row.Create(ck, LivenessInfo.Empty, DeletionTime.Live, [.. cells], [.. complex]);

    private int[] Elements(string column, bool isStatic = false)
    {
        var partition = Assert.Single(_store.Read(ReadPartition(1)));
        var row = isStatic ? partition.StaticRow! : Assert.Single(partition.Rows);
        return [.. row.ComplexCells(column).ToArray().Where(c => c.IsLive(Now)).Select(c => (int)Data.Types.CqlType.Int.Compose(c.Path)!)];
    }

    [Fact]
    public async Task AnOverwriteInALaterSSTableShadowsElementsOfAnEarlierOne()
    {
        var update = UpdateOf(1, RowWith(Ck(1), [Element("s", 1, 10), Element("s", 2, 10), Element("t", 5, 10)]));
        update.Add(RowWith(Clustering.StaticClustering, [Element("st", 7, 10)]));
        _store.Apply(update, CommitLogPosition.None);
        await _store.FlushAsync();

        // s = {3} at 20 (deletion at 19); the static collection is deleted at 15.
        var overwrite = UpdateOf(1, RowWith(Ck(1), [Element("s", 3, 20)], Deleted("s", 19)));
        overwrite.Add(RowWith(Clustering.StaticClustering, [], Deleted("st", 15)));
        _store.Apply(overwrite, CommitLogPosition.None);
        Assert.Equal([3], Elements("s"));
        Assert.Equal([5], Elements("t"));

        await _store.FlushAsync();
        Assert.Equal(2, _store.LiveSSTables.Count);
        Assert.Equal([3], Elements("s"));
        Assert.Equal([5], Elements("t"));
        var partition = Assert.Single(_store.Read(ReadPartition(1)));
        Assert.True(partition.StaticRow is null || partition.StaticRow.ComplexCells("st").IsEmpty);

        await _store.CompactAsync();
        Assert.Single(_store.LiveSSTables);
        Assert.Equal([3], Elements("s"));
        Assert.Equal([5], Elements("t"));

        // The deletion survived compaction (not yet purgeable): an older element written now stays shadowed.
        _store.Apply(UpdateOf(1, RowWith(Ck(1), [Element("s", 9, 18)])), CommitLogPosition.None);
        Assert.Equal([3], Elements("s"));
    }

    [Fact]
    public async Task ComplexDeletionsRoundTripThroughAnSSTable()
    {
        var row = new Row(Ck(4), LivenessInfo.Create(5, 0, Now), DeletionTime.Live,
            [Element("m", 1, 6)], [Deleted("l", 3), Deleted("m", 4)]);
        _store.Apply(UpdateOf(1, row), CommitLogPosition.None);
        await _store.FlushAsync();
        var read = Assert.Single(Assert.Single(_store.Read(ReadPartition(1))).Rows);
        Assert.Equal([Deleted("l", 3), Deleted("m", 4)], read.ComplexDeletions);
        Assert.Equal([1], Elements("m"));
        Assert.Equal(3, Assert.Single(_store.LiveSSTables).Statistics.MinTimestamp);
    }
}
