using Sibyl.Data.Model;

namespace Sibyl.Cql.Operations;

/// <summary>The cells and complex deletions one statement writes to one row, gathered before the row is built.</summary>
internal sealed class RowWrite
{
    public List<Cell> Cells { get; } = [];

    public List<ComplexDeletion> ComplexDeletions { get; } = [];

    public bool IsEmpty => Cells.Count == 0 && ComplexDeletions.Count == 0;

    public Row ToRow(Clustering clustering, LivenessInfo liveness) =>
        Row.Create(clustering, liveness, DeletionTime.Live, Cells, ComplexDeletions);
}
