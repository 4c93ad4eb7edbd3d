using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Cql.Selection;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements;

public sealed partial class BatchStatement
{
    /// <summary>
    /// A batch with IF conditions: one Paxos round for one partition of one table, applying every statement
    /// only if every condition holds (Cassandra's conditional batch).
    /// </summary>
    private async ValueTask<CqlResult> ExecuteConditionalAsync(IQueryContext context, QueryState state, IReadOnlyList<QueryOptions> perStatement,
        QueryOptions batchOptions, CancellationToken cancellationToken)
    {
        var table = Statements[0].Table;
        if (Statements.Any(s => s.Table.Id != table.Id))
            throw new InvalidRequestException("Batch with conditions cannot span multiple tables");
        if (Timestamp is not null || Statements.Any(s => s.HasTimestamp))
            throw new InvalidRequestException("Cannot provide custom timestamp for conditional BATCH");
        var serial = batchOptions.SerialConsistency ?? ConsistencyLevel.Serial;
        if (serial is not (ConsistencyLevel.Serial or ConsistencyLevel.LocalSerial))
            throw new InvalidRequestException($"Invalid consistency for conditional update: {serial.ToCqlName()}, serial consistency can only be SERIAL or LOCAL_SERIAL");

        DecoratedKey? key = null;
        var named = new List<byte[][]>();
        var conditioned = new List<byte[][]>(); // the rows conditions are about: the result shows only these
        for (int i = 0; i < Statements.Count; i++)
        {
            var keys = Statements[i].Where.PartitionKeys(perStatement[i], state);
            if (keys.Count != 1)
                throw new InvalidRequestException("IN on the partition key is not supported with conditional updates");
            if (key is null) key = keys[0];
            else if (!key.Equals(keys[0]))
                throw new InvalidRequestException("Batch with conditions cannot span multiple partitions");
            if (Statements[i].NamedClustering(perStatement[i], state) is { } clustering)
            {
                // Rows are read for their conditions and for statements that read before writing (list operations).
                if (Statements[i].IsConditional) conditioned.Add(clustering);
                if (Statements[i].IsConditional || Statements[i].RequiresRead) named.Add(clustering);
            }
        }
        if (key!.Key.Length == 0) throw new InvalidRequestException("Key may not be empty");

        var comparator = table.Comparator;
        named.Sort(comparator.ComparePrefixes);
        // Several statements may name one row: read it once (slices must not overlap).
        named = [.. named.Where((c, i) => i == 0 || comparator.ComparePrefixes(named[i - 1], c) != 0)];
        var slices = named.Select(Slice.ForPrefix).ToList();
        var read = new SinglePartitionReadCommand(table.Id, key,
            new ClusteringIndexFilter(slices.Count > 0 ? slices : [Slice.All], false),
            slices.Count > 0 ? DataLimits.None : new DataLimits(1, 1), state.NowInSeconds);

        IReadOnlyList<PartitionData>? casRead = null; // what list operations that read before writing see
        var outcome = await context.CasAsync(table, read,
            current =>
            {
                casRead = current;
                for (int i = 0; i < Statements.Count; i++)
                    if (Statements[i].IsConditional && !Statements[i].AppliesIn(current, perStatement[i], state)) return false;
                return true;
            },
            timestamp => [.. Statements.SelectMany((s, i) => s.BuildMutations(perStatement[i], state, timestamp, casRead))],
            serial, batchOptions.Consistency, cancellationToken).ConfigureAwait(false);
        return Result(table, outcome, conditioned, state.NowInSeconds);
    }

    /// <summary>
    /// [applied], and when not applied the primary key and conditioned columns of each conditioned row that exists;
    /// with only static conditions, of the partition's first row (Cassandra's CQL3CasRequest reads just that one).
    /// </summary>
    private RowsResult Result(TableMetadata table, CasOutcome outcome, List<byte[][]> conditioned, int now)
    {
        var applied = new ColumnSpecification(table.Keyspace, table.Name, "[applied]", CqlType.Boolean);
        var partition = outcome.Current.Count > 0 ? outcome.Current[0] : null;
        var rows = partition?.Rows.Where(r => r.HasLiveData(now)
            && (conditioned.Count == 0 || conditioned.Any(c => table.Comparator.ComparePrefixes(c, r.Clustering.Values) == 0 && c.Length == r.Clustering.Size))).ToList() ?? [];
        if (conditioned.Count == 0 && rows.Count > 1) rows = rows[..1];
        if (outcome.Applied || partition is null || rows.Count == 0)
            return new RowsResult([applied], [[CqlType.Boolean.Decompose(outcome.Applied)]], null);
        var columns = new List<ColumnMetadata>([.. table.PartitionKeyColumns, .. table.ClusteringColumns]);
        foreach (var c in Statements.SelectMany(s => s.Conditions).Select(c => c.Column))
            if (!columns.Contains(c)) columns.Add(c);
        // IF [NOT] EXISTS conditions are about the whole row, so Cassandra shows all of it.
        if (Statements.Any(s => s.ConditionKind is ConditionKind.IfExists or ConditionKind.IfNotExists))
            columns = [.. table.AllColumnsInSelectOrder];
        var pk = PartitionKeys.Split(partition.Key.Key, table.PartitionKeyColumns.Length);
        var staticRow = partition.StaticRow is { } s && s.HasLiveData(now) ? s : null;
        var result = new List<byte[]?[]>();
        foreach (var row in rows)
        {
            var view = new RowView(pk, row, staticRow, now, table);
            result.Add([CqlType.Boolean.Decompose(false), .. columns.Select(c => view.Value(c))]);
        }
        var specs = new List<ColumnSpecification> { applied };
        specs.AddRange(columns.Select(c => new ColumnSpecification(table.Keyspace, table.Name, c.Name, c.Type)));
        return new RowsResult(specs, result, null);
    }
}
