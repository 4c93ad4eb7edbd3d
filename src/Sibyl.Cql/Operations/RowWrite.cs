using Sibyl.Data.Model;

namespace Sibyl.Cql.Operations;

/// <summary>The cells and complex deletions one statement writes to one row, gathered before the row is built.</summary>
internal sealed class RowWrite
{
    private List<ComplexDeletion>? _complexDeletions;

    public List<Cell> Cells { get; } = [];

    /// <summary>Created on first use: only collection overwrites and deletions write complex deletions.</summary>
    public List<ComplexDeletion> ComplexDeletions => _complexDeletions ??= [];

    public bool IsEmpty => Cells.Count == 0 && _complexDeletions is not { Count: > 0 };

    public Row ToRow(Clustering clustering, LivenessInfo liveness) =>
        Row.Create(clustering, liveness, DeletionTime.Live, Cells, _complexDeletions);
}
