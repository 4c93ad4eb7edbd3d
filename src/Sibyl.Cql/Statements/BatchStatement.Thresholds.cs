using System.Globalization;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Model;

namespace Sibyl.Cql.Statements;

public sealed partial class BatchStatement
{
    /// <summary>
    /// Cassandra's batch guard rails: a warning past batch_size_warn_threshold, a refusal past
    /// batch_size_fail_threshold, and a warning for unlogged batches spanning many partitions.
    /// </summary>
    private void CheckSize(IReadOnlyList<Mutation> mutations, BatchThresholds thresholds, QueryState state)
    {
        if (Type == BatchType.Counter) return;
        long size = 0;
        var tables = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var mutation in mutations)
            foreach (var update in mutation.Updates)
                size += update.DataSize();
        foreach (var statement in Statements) tables.Add(statement.Table.QualifiedName);
        string tableList = "[" + string.Join(", ", tables) + "]";
        // Cassandra checks the size only of batches spanning several partitions (CASSANDRA-10876).
        if (mutations.Count > 1 && size > thresholds.FailBytes)
            throw new InvalidRequestException("Batch too large");
        if (mutations.Count > 1 && size > thresholds.WarnBytes)
            state.Warnings.Add($"Batch for {tableList} is of size {Pretty(size)}, exceeding specified threshold of {Pretty(thresholds.WarnBytes)} by {Pretty(size - thresholds.WarnBytes)}.");
        int partitions = mutations.Count;
        if (Type == BatchType.Unlogged && partitions > thresholds.UnloggedPartitionsWarn)
            state.Warnings.Add($"Unlogged batch covering {partitions} partitions detected against table{(tables.Count > 1 ? "s" : "")} {tableList}. "
                + "You should use a logged batch for atomicity, or asynchronous writes for performance.");
    }

    /// <summary>Cassandra's FBUtilities.prettyPrintMemory: bytes, or KiB/MiB/GiB with three decimals.</summary>
    private static string Pretty(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + "B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.000", CultureInfo.InvariantCulture) + "KiB",
        < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.000", CultureInfo.InvariantCulture) + "MiB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.000", CultureInfo.InvariantCulture) + "GiB",
    };
}
