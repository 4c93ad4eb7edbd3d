using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Operations;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Cql.Statements;

/// <summary>
/// The shape of nearly every write: an INSERT or UPDATE of one partition (EQ on every partition key column) of a
/// table without clustering columns, setting simple regular columns. Its one mutation and row are built straight
/// from the bound values, with the cells in column order worked out at preparation; it makes exactly what the
/// general path (<see cref="BuildMutations"/>) makes, and everything else goes there.
/// </summary>
public sealed partial class ModificationStatement
{
    /// <summary>Marks a statement found not to be of the single-row shape (never a real rank array).</summary>
    private static readonly int[] NotSingleRow = [-1];

    private volatile int[]? _cellRanks;

    /// <summary>This statement's one mutation, or null when the statement is not of the single-row shape or
    /// names other than one partition (the caller then takes the general path).</summary>
    private Mutation? BuildSingleRowMutation(QueryOptions options, QueryState state)
    {
        var ranks = CellRanks();
        if (ranks is null) return null;
        // Bound in the general path's order, so the same error comes first.
        long timestamp = BindTimestamp(options, state, batchTimestamp: null);
        int ttl = BindTtl(options, state);
        if (Where.SinglePartition(options, state) is not { } key) return null;
        if (key.Key.Length == 0)
            throw new InvalidRequestException("Key may not be empty");
        var mutation = new Mutation(Table.Keyspace, key);
        var update = mutation.GetOrAdd(Table.Id);
        int now = state.NowInSeconds;
        var operations = Operations;
        var cells = operations.Count == 0 ? [] : new Cell[operations.Count];
        bool unset = false;
        for (int i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            byte[]? value = op.Value?.Bind(options, state);
            if (QueryOptions.IsUnset(value)) unset = true;
            else cells[ranks[i]] = MakeCell(op.Column, value, timestamp, ttl, now);
        }
        if (unset) cells = [.. cells.Where(c => c is not null)];
        var liveness = Kind == ModificationKind.Insert ? LivenessInfo.Create(timestamp, ttl, now) : LivenessInfo.Empty;
        if (cells.Length > 0 || !liveness.IsEmpty)
            update.Add(new Row(Clustering.Empty, liveness, DeletionTime.Live, cells));
        return mutation;
    }

    /// <summary>
    /// For a statement of the single-row shape, each operation's place among the row's cells (the order of
    /// <see cref="Row.CellOrder"/>); null for any other statement. Fixed at preparation, so computed once.
    /// </summary>
    private int[]? CellRanks()
    {
        var ranks = _cellRanks ??= IsSingleRowShape() ? RanksByColumnName() : NotSingleRow;
        return ReferenceEquals(ranks, NotSingleRow) ? null : ranks;
    }

    // Compact tables (row marker rules), static and collection columns, counters, conditions and reads
    // before write all take the general path.
    private bool IsSingleRowShape()
    {
        if (Kind is not (ModificationKind.Insert or ModificationKind.Update)) return false;
        if (Table.ClusteringColumns.Length != 0 || Table.IsCompactStorage || Table.IsCounter || IsConditional || RequiresRead) return false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in Operations)
        {
            if (op.Kind != OperationKind.Set || op.Column.Type.IsMultiCell || op.Column.IsStatic) return false;
            if (!names.Add(op.Column.Name)) return false; // cells of one column reconcile: the general path's job
        }
        return true;
    }

    private int[] RanksByColumnName()
    {
        var order = Enumerable.Range(0, Operations.Count).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(Operations[a].Column.Name, Operations[b].Column.Name));
        var ranks = new int[order.Length];
        for (int rank = 0; rank < order.Length; rank++) ranks[order[rank]] = rank;
        return ranks;
    }
}
