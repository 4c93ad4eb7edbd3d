using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;

namespace Sibyl.Storage.Tests;

/// <summary>Terse builders for partitions keyed by int with int clustering columns and int cells.</summary>
internal static class TestData
{
    public const int Now = 1_000_000;

    public static readonly Guid TableId = new("00000000-0000-0000-0000-0000000000aa");

    public static byte[] I(int v) => CqlType.Int.Decompose(v);

    public static DecoratedKey Key(int pk) => PartitionKeys.Decorate([I(pk)]);

    public static Clustering Ck(params int[] values) => new([.. values.Select(I)]);

    public static ClusteringComparator Comparator(params bool[] reversed) =>
        new([.. reversed.Select(_ => (CqlType)CqlType.Int)], reversed);

    public static ClusteringBound Bound(bool inclusive, params int[] prefix) => new([.. prefix.Select(I)], inclusive);

    public static Slice SliceOf(ClusteringBound start, ClusteringBound end) => new(start, end);

    public static ClusteringIndexFilter Filter(bool reversed, params Slice[] slices) => new(slices, reversed);

    /// <summary>An INSERT of one row: primary key liveness plus a value cell "v".</summary>
    public static Row Insert(Clustering ck, int value, long ts) =>
        Row.Create(ck, LivenessInfo.Create(ts, LivenessInfo.NoTtl, Now), DeletionTime.Live, [Cell.Live("v", I(value), ts)]);

    /// <summary>An UPDATE of one row: a value cell only, no primary key liveness.</summary>
    public static Row Update(Clustering ck, int value, long ts) =>
        Row.Create(ck, LivenessInfo.Empty, DeletionTime.Live, [Cell.Live("v", I(value), ts)]);

    public static Row DeleteRow(Clustering ck, long ts) =>
        Row.Create(ck, LivenessInfo.Empty, new DeletionTime(ts, Now), []);

    public static Row Static(int value, long ts) =>
        Row.Create(Clustering.StaticClustering, LivenessInfo.Empty, DeletionTime.Live, [Cell.Live("s", I(value), ts)]);

    public static PartitionUpdate UpdateOf(int pk, params Row[] rows)
    {
        var update = new PartitionUpdate(TableId, Key(pk));
        foreach (var row in rows) update.Add(row);
        return update;
    }

    public static Mutation MutationOf(PartitionUpdate update)
    {
        var mutation = new Mutation("ks", update.Key);
        var target = mutation.GetOrAdd(update.TableId);
        target.DeletePartition(update.PartitionDeletion);
        foreach (var rt in update.RangeTombstones) target.AddRangeTombstone(rt);
        if (update.StaticRow is not null) target.Add(update.StaticRow);
        foreach (var row in update.Rows) target.Add(row);
        return mutation;
    }

    public static SinglePartitionReadCommand ReadPartition(int pk, ClusteringIndexFilter? filter = null, int limit = DataLimits.NoLimit, int now = Now) =>
        new(TableId, Key(pk), filter ?? ClusteringIndexFilter.All, new DataLimits(limit, DataLimits.NoLimit), now);

    public static int ValueOf(Row row, string column = "v") => (int)CqlType.Int.Compose(row.GetCell(column)!.Value)!;

    public static int[] FirstClusterings(PartitionData partition) =>
        [.. partition.Rows.Select(r => (int)CqlType.Int.Compose(r.Clustering[0])!)];

    public static int PkOf(PartitionData partition) => (int)CqlType.Int.Compose(partition.Key.Key)!;
}
