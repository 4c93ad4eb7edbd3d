namespace Sibyl.Data.Model;

/// <summary>How many live rows a read may return in all and per partition (LIMIT, PER PARTITION LIMIT, page size).</summary>
public readonly record struct DataLimits(int RowLimit, int PerPartitionLimit)
{
    public const int NoLimit = int.MaxValue;

    public static readonly DataLimits None = new(NoLimit, NoLimit);
}
