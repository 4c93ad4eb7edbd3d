using Sibyl.Data.Model;
using Sibyl.Storage.Tests.Tables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.SSTables;

/// <summary>
/// SSTable rows store each cell's column name; reads decode them through a small per-thread cache of recent
/// names. More columns than the cache holds, and long names it does not keep, still come back each on its value.
/// </summary>
public sealed class ColumnNameTests
{
    [Fact]
    public void EveryCellKeepsItsColumnWhenARowHasMoreColumnsThanTheNameCache()
    {
        using var store = new TableStoreUnderTest(Comparator(false), flushEvery: 1, compactBeforeRead: false);
        string[] columns = [.. Enumerable.Range(0, 40).Select(i => $"c{i:00}"), new string('x', 100), "é" + new string('y', 80)];
        for (int round = 0; round < 2; round++)
        {
            var cells = columns.Select((name, i) => Cell.Live(name, I(i + round), 10 + round)).ToList();
            store.Apply(UpdateOf(round, Row.Create(Ck(1), LivenessInfo.Create(1, LivenessInfo.NoTtl, Now), DeletionTime.Live, cells)));
        }

        for (int round = 0; round < 2; round++)
        {
            var row = Assert.Single(store.Read(ReadPartition(round)).Single().Rows);
            Assert.Equal(columns.Order(StringComparer.Ordinal), row.Cells.Select(c => c.Column));
            for (int i = 0; i < columns.Length; i++)
                Assert.Equal(i + round, ValueOf(row, columns[i]));
        }
    }
}
