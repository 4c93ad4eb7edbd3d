using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Cql.Selection;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements;

/// <summary>What a lightweight transaction requires of the row before it applies.</summary>
public enum ConditionKind
{
    None,
    IfExists,
    IfNotExists,
    Columns,
}

public sealed partial class ModificationStatement
{
    /// <summary>The IF clause: none, IF EXISTS, IF NOT EXISTS, or column conditions.</summary>
    public ConditionKind ConditionKind { get; private set; }

    public IReadOnlyList<ColumnCondition> Conditions { get; private set; } = [];

    public bool IsConditional => ConditionKind != ConditionKind.None;

    /// <summary>Makes this (freshly prepared) statement a lightweight transaction; validated as Cassandra does.</summary>
    internal ModificationStatement WithConditions(ConditionKind kind, IReadOnlyList<ColumnCondition> conditions)
    {
        if (kind == ConditionKind.None) return this;
        if (Timestamp is not null)
            throw new InvalidRequestException("Cannot provide custom timestamp for conditional updates");
        if (Table.IsCounter)
            throw new InvalidRequestException("Conditional updates are not supported on counter tables");
        if (Where.HasClusteringSlice)
            throw new InvalidRequestException(Kind == ModificationKind.Delete
                ? "DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to use IF conditions"
                : "Slice restrictions are not supported on the clustering columns in conditional updates");
        if (Kind == ModificationKind.Delete && Table.ClusteringColumns.Length > 0 && Where.ClusteringPrefixSize < Table.ClusteringColumns.Length
            && (Where.HasClusteringRestrictions || conditions.Any(c => !c.Column.IsStatic)))
            throw new InvalidRequestException("DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to use IF conditions, but column '"
                + Table.ClusteringColumns[Where.ClusteringPrefixSize].Name + "' is not restricted");
        ConditionKind = kind;
        Conditions = conditions;
        return this;
    }

    /// <summary>Evaluates this statement's condition on data read for a conditional batch, for the row it names.</summary>
    internal bool AppliesIn(IReadOnlyList<PartitionData> data, QueryOptions options, QueryState state)
    {
        var key = Where.PartitionKeys(options, state)[0];
        var pk = PartitionKeys.Split(key.Key, Table.PartitionKeyColumns.Length);
        return Applies(Current(data, pk, state.NowInSeconds, NamedClustering(options, state)), options, state);
    }

    /// <summary>The one row a conditional statement is about, or null when it names only the partition.</summary>
    internal byte[][]? NamedClustering(QueryOptions options, QueryState state)
    {
        var clusterings = Table.ClusteringColumns.Length == 0 || Where.ClusteringPrefixSize == 0 ? [] : Where.Clusterings(options, state);
        if (clusterings.Count > 1)
            throw new InvalidRequestException("IN on the clustering key columns is not supported with conditional updates");
        return clusterings.Count == 1 ? clusterings[0] : null;
    }

    private async ValueTask<CqlResult> ExecuteWithConditionAsync(IQueryContext context, QueryState state, QueryOptions options, CancellationToken cancellationToken)
    {
        var serial = options.SerialConsistency ?? Common.Errors.ConsistencyLevel.Serial;
        if (serial is not (Common.Errors.ConsistencyLevel.Serial or Common.Errors.ConsistencyLevel.LocalSerial))
            throw new InvalidRequestException($"Invalid consistency for conditional update: {serial.ToCqlName()}, serial consistency can only be SERIAL or LOCAL_SERIAL");
        var keys = Where.PartitionKeys(options, state);
        if (keys.Count != 1)
            throw new InvalidRequestException("IN on the partition key is not supported with conditional updates");
        var key = keys[0];
        if (key.Key.Length == 0) throw new InvalidRequestException("Key may not be empty");
        var named = NamedClustering(options, state);

        // The row the condition is about: the named row, or the static row alone when no clustering is given.
        var slices = named is not null ? new List<Slice> { Slice.ForPrefix(named) } : [];
        var filter = new ClusteringIndexFilter(slices.Count > 0 ? slices : [Slice.All], false);
        var read = new SinglePartitionReadCommand(Table.Id, key, filter, new DataLimits(1, 1), state.NowInSeconds);
        var pk = PartitionKeys.Split(key.Key, Table.PartitionKeyColumns.Length);

        // List operations that read before writing use the row Paxos read.
        IReadOnlyList<PartitionData>? casRead = null;
        var outcome = await context.CasAsync(Table, read,
            current =>
            {
                casRead = current;
                return Applies(Current(current, pk, state.NowInSeconds, named), options, state);
            },
            timestamp => BuildMutations(options, state, batchTimestamp: timestamp, casRead),
            serial, options.Consistency, cancellationToken).ConfigureAwait(false);
        return CasResult(outcome, Current(outcome.Current, pk, state.NowInSeconds, named));
    }

    /// <summary>The row the conditions see: null when the partition (or the named row) has no live data.</summary>
    internal RowView? Current(IReadOnlyList<PartitionData> data, byte[][] pk, int now, byte[][]? named)
    {
        bool namedRow = named is not null;
        if (data.Count == 0) return null;
        var partition = data[0];
        var row = partition.Rows.Count > 0 ? partition.Rows[0] : null;
        if (named is not null)
            row = partition.Rows.FirstOrDefault(r => r.Clustering.Size == named.Length && Table.Comparator.ComparePrefixes(r.Clustering.Values, named) == 0);
        var staticRow = partition.StaticRow is { } s && s.HasLiveData(now) ? s : null;
        if (row is not null && !row.HasLiveData(now)) row = null;
        if (row is null && (namedRow || staticRow is null)) return namedRow && staticRow is not null ? new RowView(pk, null, staticRow, now, Table) : null;
        return new RowView(pk, row, staticRow, now, Table);
    }

    /// <summary>
    /// What IF [NOT] EXISTS looks for: the named row, or only the static row when a table with clustering columns
    /// is written without naming a row (Cassandra: such a statement concerns the partition's static columns).
    /// </summary>
    private bool RowExists(RowView? current) =>
        current is { } view && (Table.ClusteringColumns.Length > 0 && Where.ClusteringPrefixSize == 0
            ? view.StaticRow is not null
            : view.Row is not null);

    internal bool Applies(RowView? current, QueryOptions options, QueryState state)
    {
        bool rowExists = RowExists(current);
        switch (ConditionKind)
        {
            case ConditionKind.IfNotExists:
                return !rowExists;
            case ConditionKind.IfExists:
                return rowExists;
            default:
                var row = current ?? new RowView([], null, null, state.NowInSeconds, Table);
                foreach (var condition in Conditions)
                    if (!condition.AppliesTo(row, options, state)) return false;
                return true;
        }
    }

    /// <summary>
    /// Cassandra's LWT result: <c>[applied]</c>, and when not applied the current values — the whole row for
    /// IF [NOT] EXISTS, the conditioned columns otherwise — unless there is no such row.
    /// </summary>
    private RowsResult CasResult(CasOutcome outcome, RowView? current)
    {
        var applied = new ColumnSpecification(Table.Keyspace, Table.Name, "[applied]", CqlType.Boolean);
        List<ColumnMetadata> columns = ConditionKind is ConditionKind.Columns
            ? [.. Conditions.Select(c => c.Column).Distinct()]
            : [.. Table.AllColumnsInSelectOrder];
        // Values are shown only from data that exists: the named row, or the static row for static columns.
        bool shown = ConditionKind is ConditionKind.Columns
            ? current is { } view && (view.Row is not null || (view.StaticRow is not null && columns.Any(c => c.IsStatic)))
            : RowExists(current);
        if (outcome.Applied || !shown)
            return new RowsResult([applied], [[CqlType.Boolean.Decompose(outcome.Applied)]], null);
        var row = current!.Value;
        var specs = new List<ColumnSpecification> { applied };
        var values = new List<byte[]?> { CqlType.Boolean.Decompose(false) };
        foreach (var column in columns)
        {
            specs.Add(new ColumnSpecification(Table.Keyspace, Table.Name, column.Name, column.Type));
            values.Add(row.Value(column));
        }
        return new RowsResult(specs, [[.. values]], null);
    }
}
