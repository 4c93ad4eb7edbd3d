using Sibyl.Data.Model;
using Sibyl.Storage.Memtables;
using Sibyl.Storage.SSTables;
using Sibyl.Storage.Tests.Tables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.SSTables;

/// <summary>
/// Freezes the bytes of a small uncompressed SSTable, component by component: any change to the format
/// documented in docs/formats/sstable.md must change these on purpose (and bump the format version).
/// </summary>
public sealed class GoldenSSTableTests
{
    internal static Memtable SmallMemtable()
    {
        var memtable = new Memtable(Comparator(false));
        var first = UpdateOf(1, Insert(Ck(1), 10, 1000), DeleteRow(Ck(2), 1001), Static(5, 999));
        first.AddRangeTombstone(new RangeTombstone(SliceOf(Bound(true, 3), Bound(false, 4)), new DeletionTime(1002, Now)));
        memtable.Apply(first);
        var second = UpdateOf(2, Row.Create(Ck(7), LivenessInfo.Empty, DeletionTime.Live,
            [Cell.Expiring("v", I(3), 1003, 60, Now), Cell.Tombstone("w", 1004, Now), Cell.Live("m", I(9), 1005, path: I(1))]));
        second.DeletePartition(new DeletionTime(500, Now - 5));
        memtable.Apply(second);
        return memtable;
    }

    internal static Dictionary<SSTableComponent, byte[]> Write(string directory)
    {
        var descriptor = new SSTableDescriptor(directory, 1);
        var options = new SSTableWriterOptions { Compression = CompressionKind.None, BlockSize = 64, BloomFilterFpChance = 0.01, IndexInterval = 1 };
        using (var writer = new SSTableWriter(descriptor, Comparator(false), options, expectedPartitions: 2))
        {
            foreach (var partition in SmallMemtable().Scan(null, null, _ => ClusteringIndexFilter.All)) writer.Append(partition);
            writer.Finish()!.Close();
        }
        return SSTableDescriptor.AllComponents.ToDictionary(c => c, c => File.ReadAllBytes(descriptor.PathOf(c)));
    }

    private static readonly Dictionary<SSTableComponent, string> Golden = new()
    {
        [SSTableComponent.Data] = "534244410001000000600000006000040000000180000000000000007FFFFFFF01010400000003010104000000040000000000000003EA000F424001040100017387CE00F0FFFFFFFE0400000005010101040000000187D000F0FFFFFFFE0100017687D000F0FFFFFFFE040000000AC184AC51000000600000006000010201040000000200000000000003E9000F42400000040000000200000000000001F4000F423B000001000104000000070301016D87DA00F0FFFFFFFE0400000001040000000900017687D63CDE84F8040000000300017787D800DE848000006A888401",
        [SSTableComponent.Index] = "53424958000120C78499982AE4E0CF0400000001060002063F010400000001730001040000000210D2E9AEB38BA997900400000002731600",
        [SSTableComponent.Summary] = "5342534D0001000000010000000204000000010000000000000006040000000200000000000000279C9503E9",
        [SSTableComponent.Filter] = "534242460001000000140000000000000040AAAA80AF5FF5AA0A6007C4C0",
        [SSTableComponent.Statistics] = "534253540001000000000000000200000000000000030000000000000005000000000000000400000000000001F400000000000003ED000F423B000F427C0000000000000000000000C0000000000000004A000000000000007601010400000001010104000000070400000001040000000201000F4560000000000000000507AE82D4",
        [SSTableComponent.Toc] = "446174612E64620A496E6465782E64620A53756D6D6172792E64620A46696C7465722E64620A537461746973746963732E64620A544F432E7478740A",
    };

    [Fact]
    public void ComponentsMatchTheirFrozenBytes()
    {
        using var dir = new TempDirectory();
        var written = Write(dir.Path);
        var mismatches = written.Where(kv => Golden[kv.Key] != Convert.ToHexString(kv.Value))
            .Select(kv => $"[SSTableComponent.{kv.Key}] = \"{Convert.ToHexString(kv.Value)}\",").ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void GoldenSSTableReadsBack()
    {
        using var dir = new TempDirectory();
        Write(dir.Path);
        var reader = SSTableReader.Open(new SSTableDescriptor(dir.Path, 1), Comparator(false));
        try
        {
            var keys = reader.Scan(null, null).Select(p => p.Key).ToList();
            Assert.Equal(2, keys.Count);
            var one = reader.GetPartition(Key(1))!;
            Assert.Equal(5, ValueOf(one.StaticRow!, "s"));
            Assert.Single(one.RangeTombstones);
            var rows = one.Rows(Slice.All, reversed: false).ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal(new DeletionTime(1001, Now), rows[1].Deletion);
            var two = reader.GetPartition(Key(2))!;
            Assert.Equal(new DeletionTime(500, Now - 5), two.PartitionDeletion);
            var cells = Assert.Single(two.Rows(Slice.All, reversed: true)).Cells;
            Assert.Equal(["m", "v", "w"], cells.Select(c => c.Column));
            Assert.Equal(I(1), cells[0].Path);
            Assert.Equal(60, cells[1].Ttl);
            Assert.True(cells[2].IsTombstone);
            Assert.Null(reader.GetPartition(Key(3)));
        }
        finally
        {
            reader.Close();
        }
    }
}
