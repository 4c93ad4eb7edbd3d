using System.Buffers.Binary;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;

namespace Sibyl.StorageBench;

/// <summary>
/// The "N rows of ~200 bytes" table: a bigint partition key, no clustering, five 38-byte blob cells
/// (8 + 5 × 38 = 198 bytes of payload per row, like cassandra-stress's default five columns). Values are
/// slices of a random pool, so they compress no better than real random data and cost no RNG per byte.
/// </summary>
internal sealed class NarrowRows
{
    public const int CellCount = 5;
    public const int CellSize = 38;
    public const int PayloadBytes = 8 + CellCount * CellSize;

    public static readonly ClusteringComparator Comparator = new(Array.Empty<CqlType>(), Array.Empty<bool>());
    private static readonly string[] Columns = ["c0", "c1", "c2", "c3", "c4"];

    private readonly byte[] _pool;

    public NarrowRows(Guid tableId, int seed)
    {
        TableId = tableId;
        _pool = new byte[1 << 20];
        new Random(seed).NextBytes(_pool);
    }

    public Guid TableId { get; }

    public static DecoratedKey Key(long key)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, key);
        return PartitionKeys.Decorate([bytes]);
    }

    /// <summary>An INSERT of row <paramref name="key"/>: primary key liveness and five cells.</summary>
    public Mutation Insert(long key, long timestamp, Random random)
    {
        var decorated = Key(key);
        var cells = new List<Cell>(CellCount);
        for (int i = 0; i < CellCount; i++)
        {
            int offset = random.Next(_pool.Length - CellSize);
            cells.Add(Cell.Live(Columns[i], _pool.AsSpan(offset, CellSize).ToArray(), timestamp));
        }
        var mutation = new Mutation(BenchEngine.Keyspace, decorated);
        mutation.GetOrAdd(TableId).Add(Row.Create(Clustering.Empty, LivenessInfo.Create(timestamp, LivenessInfo.NoTtl, 0), DeletionTime.Live, cells));
        return mutation;
    }

    public SinglePartitionReadCommand Read(long key, int nowInSeconds) =>
        new(TableId, Key(key), ClusteringIndexFilter.All, DataLimits.None, nowInSeconds);

    /// <summary>Whether a read returned exactly the one live row with all five cells.</summary>
    public static bool IsComplete(IReadOnlyList<PartitionData> result, int nowInSeconds) =>
        result.Count == 1 && result[0].Rows.Count == 1 && result[0].Rows[0].HasLiveData(nowInSeconds) && result[0].Rows[0].Cells.Length == CellCount;
}
