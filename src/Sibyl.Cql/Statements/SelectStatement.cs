using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Paging;
using Sibyl.Cql.Restrictions;
using Sibyl.Cql.Results;
using Sibyl.Cql.Selection;
using Sibyl.Cql.Terms;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements;

/// <summary>
/// A prepared SELECT: reads the partitions its WHERE clause names (or a token range), applies filtering,
/// selection, LIMIT / PER PARTITION LIMIT, ordering and paging, as Cassandra's SelectStatement.
/// </summary>
public sealed partial class SelectStatement : CqlStatement
{
    private readonly List<(Selector Selector, string Name)> _selection;
    private readonly IReadOnlyList<ColumnSpecification> _resultColumns;

    internal SelectStatement(
        TableMetadata table,
        WhereClause where,
        List<(Selector Selector, string Name)> selection,
        bool isDistinct,
        bool reversed,
        bool postOrdering,
        Term? limit,
        Term? perPartitionLimit,
        IReadOnlyList<short>? partitionKeyBindIndexes)
    {
        Table = table;
        Where = where;
        _selection = selection;
        IsDistinct = isDistinct;
        Reversed = reversed;
        PostOrdering = postOrdering;
        Limit = limit;
        PerPartitionLimit = perPartitionLimit;
        PartitionKeyBindIndexes = partitionKeyBindIndexes;
        IsAggregate = selection.Any(s => s.Selector.IsAggregate);
        _resultColumns = [.. selection.Select(s => new ColumnSpecification(table.Keyspace, table.Name, s.Name, s.Selector.Type))];
        _wholePartition = new ClusteringIndexFilter([Slice.All], reversed);
    }

    /// <summary>The filter of a read without clustering restrictions: the same for every request, so built once.</summary>
    private readonly ClusteringIndexFilter _wholePartition;

    public TableMetadata Table { get; }
    public WhereClause Where { get; }
    public bool IsDistinct { get; }
    public bool Reversed { get; }
    public bool PostOrdering { get; }
    public Term? Limit { get; }
    public Term? PerPartitionLimit { get; }
    public bool IsAggregate { get; }

    /// <summary>SELECT JSON: each row becomes one text column "[json]" holding a JSON object.</summary>
    public bool IsJson { get; init; }

    /// <summary>GROUP BY on a primary key prefix, or null.</summary>
    public GroupBy? GroupBy { get; init; }

    public override IReadOnlyList<ColumnSpecification> ResultColumns =>
        IsJson ? [new ColumnSpecification(Table.Keyspace, Table.Name, "[json]", CqlType.Text)] : _resultColumns;

    public override IReadOnlyList<short>? PartitionKeyBindIndexes { get; }

    public override (string Keyspace, string Table)? Target => (Table.Keyspace, Table.Name);

    public override async ValueTask<CqlResult> ExecuteAsync(IQueryContext context, QueryState state, QueryOptions options, CancellationToken cancellationToken)
    {
        int limit = BindLimit(Limit, options, state, "LIMIT");
        int perPartitionLimit = BindLimit(PerPartitionLimit, options, state, "PER PARTITION LIMIT");
        if (IsDistinct) perPartitionLimit = 1;
        bool grouped = GroupBy is not null;
        int pageSize = options.PageSize > 0 && (!IsAggregate || grouped) ? options.PageSize : int.MaxValue;
        if (PostOrdering && pageSize != int.MaxValue && limit > pageSize)
            throw new InvalidRequestException("Cannot page queries with both ORDER BY and a IN restriction on the partition key; you must either remove the ORDER BY or the IN and sort client side, or disable paging for this query");
        if (PostOrdering) pageSize = int.MaxValue;

        var paging = options.PagingState is { Length: > 0 } ps ? PagingState.Deserialize(ps) : null;
        // An aggregate without GROUP BY returns one row whatever its LIMIT: the limit never cuts the rows it folds.
        int pageLimit = IsAggregate && !grouped ? int.MaxValue : Math.Min(pageSize, paging?.RemainingLimit ?? limit);
        var page = PageCollector.Rent(this, state.NowInSeconds, pageLimit, perPartitionLimit, options, state, grouped ? paging : null);
        if (paging is not null && paging.RemainingLimit <= 0)
        {
            page.Return();
            return new RowsResult(ResultColumns, [], null);
        }
        int groupRemaining = paging?.RemainingLimit ?? limit;
        if (grouped)
        {
            // Grouped reads start from the beginning each page; the collector skips the groups already returned.
            paging = null;
            perPartitionLimit = int.MaxValue;
        }

        if (Where.IsKeyRange)
            await ReadRangeAsync(context, page, paging, perPartitionLimit, options, state, cancellationToken).ConfigureAwait(false);
        else
            await ReadPartitionsAsync(context, page, paging, perPartitionLimit, options, state, cancellationToken).ConfigureAwait(false);

        var rows = page.Finish();
        byte[]? nextPage = null;
        // A full page of groups carries a paging state even when it happens to hold the last group: Cassandra's
        // pager only knows it is exhausted when a page comes back short, and drivers loop on that.
        if (page.Groups is { } groups && (groups.HasMore || (rows.Count > 0 && rows.Count >= pageSize)))
        {
            int remaining = groupRemaining - rows.Count;
            if (remaining > 0)
                nextPage = new PagingState(groups.LastPartitionKey!, groups.LastClustering, remaining, groups.LastGroupsInPartition).Serialize();
        }
        if (page.IsFull && page.LastKey is not null && !IsAggregate && !grouped)
        {
            int remaining = (paging?.RemainingLimit ?? limit) - rows.Count;
            if (remaining > 0)
                nextPage = new PagingState(page.LastKey.Key, page.LastClustering, remaining, page.RemainingInLastPartition).Serialize();
        }
        page.Return();
        if (IsJson) return new RowsResult(ResultColumns, Json.JsonRows.ToJson(_resultColumns, rows), nextPage);
        return new RowsResult(_resultColumns, rows, nextPage);
    }

    private static int BindLimit(Term? term, QueryOptions options, QueryState state, string what)
    {
        if (term is null) return int.MaxValue;
        var value = term.Bind(options, state);
        if (value is null) throw new InvalidRequestException($"Invalid null value of {what.ToLowerInvariant()}");
        if (QueryOptions.IsUnset(value)) return int.MaxValue;
        int n = (int)CqlType.Int.Compose(value)!;
        if (n <= 0) throw new InvalidRequestException($"{what} must be strictly positive");
        return n;
    }

    /// <summary>The slices every partition is read with: those of the clustering restrictions, else the whole partition.</summary>
    private IReadOnlyList<Slice> SlicesFor(QueryOptions options, QueryState state) =>
        Where.HasClusteringRestrictions ? Where.Slices(options, state) : _wholePartition.Slices;

    private ClusteringIndexFilter FilterFor(IReadOnlyList<Slice> slices) =>
        ReferenceEquals(slices, _wholePartition.Slices) ? _wholePartition : new(slices, Reversed);

    private async ValueTask ReadPartitionsAsync(IQueryContext context, PageCollector page, PagingState? paging, int perPartitionLimit,
        QueryOptions options, QueryState state, CancellationToken cancellationToken)
    {
        // One partition, nearly every request: no list of keys then.
        var single = Where.SinglePartition(options, state);
        var keys = single is null ? Where.PartitionKeys(options, state) : null;
        var slices = SlicesFor(options, state);
        bool resuming = paging is not null;
        for (int k = 0; k < (keys?.Count ?? 1); k++)
        {
            var key = keys is null ? single! : keys[k];
            if (key.Key.Length == 0) continue; // an empty partition key names no partition
            var partitionSlices = slices;
            int partitionLimit = perPartitionLimit;
            if (resuming)
            {
                if (!key.Key.AsSpan().SequenceEqual(paging!.PartitionKey)) continue;
                resuming = false;
                if (paging.Clustering is null or { Length: 0 }) continue;
                partitionSlices = ClipAfter(slices, paging.Clustering);
                partitionLimit = paging.RemainingInPartition;
            }
            if (partitionSlices.Count == 0) continue;
            int rowLimit = Where.Filters.Count == 0 ? page.Remaining : DataLimits.NoLimit;
            var command = new SinglePartitionReadCommand(Table.Id, key, FilterFor(partitionSlices),
                new DataLimits(rowLimit, Where.Filters.Count == 0 ? partitionLimit : DataLimits.NoLimit), state.NowInSeconds);
            var data = await context.ReadAsync(command, options.Consistency, state, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < data.Count; i++)
                page.AddPartition(data[i], partitionLimit, queriedWholePartition: !Where.HasClusteringRestrictions && paging?.Clustering is null);
            if (page.IsFull) return;
        }
    }

    private async ValueTask ReadRangeAsync(IQueryContext context, PageCollector page, PagingState? paging, int perPartitionLimit,
        QueryOptions options, QueryState state, CancellationToken cancellationToken)
    {
        var (start, end) = Where.TokenRange(options, state);
        if (start is { } s && end is { } e && (s.Token.CompareTo(e.Token) > 0 || (s.Token.CompareTo(e.Token) == 0 && !(s.Inclusive && e.Inclusive))))
            return;
        var slices = SlicesFor(options, state);
        ClusteringIndexFilter? firstFilter = null;
        int firstPartitionLimit = perPartitionLimit;
        if (paging is not null)
        {
            var lastKey = new DecoratedKey(Murmur3Partitioner.GetToken(paging.PartitionKey), paging.PartitionKey);
            // A table without clustering columns has one row per partition: resume after the partition.
            if (paging.Clustering is null or { Length: 0 } || paging.RemainingInPartition <= 0)
            {
                start = PartitionPosition.AfterKey(lastKey);
            }
            else
            {
                start = new PartitionPosition(lastKey.Token, lastKey.Key, true);
                firstFilter = FilterFor(ClipAfter(slices, paging.Clustering));
                firstPartitionLimit = paging.RemainingInPartition;
            }
        }

        while (!page.IsFull)
        {
            int batch = Where.Filters.Count == 0 || Where.Index is { HasKey: true, ServesAllRestrictions: true } ? Math.Max(page.Remaining, 1) : 1000;
            var command = RangeCommand(start, end, FilterFor(slices), new DataLimits(batch, Where.Filters.Count == 0 ? perPartitionLimit : DataLimits.NoLimit), state.NowInSeconds, firstFilter, options, state);
            var data = await context.ReadAsync(command, options.Consistency, state, cancellationToken).ConfigureAwait(false);
            if (data.Count == 0) return;
            int read = 0;
            bool first = true;
            foreach (var partition in data)
            {
                int live = partition.Rows.Count;
                read += live == 0 ? 1 : live;
                bool resumedInside = first && IsResumed(partition);
                page.AddPartition(partition, resumedInside ? firstPartitionLimit : perPartitionLimit,
                    queriedWholePartition: !Where.HasClusteringRestrictions && !resumedInside);
                first = false;
                if (page.IsFull) return;
            }
            if (read < batch) return;

            // The batch was cut by its row limit: continue after the last row the store returned.
            var lastPartition = data[^1];
            var lastRow = lastPartition.Rows.Count > 0 ? lastPartition.Rows[^1] : null;
            int lastLimit = IsResumed(lastPartition) ? firstPartitionLimit : perPartitionLimit;
            // PER PARTITION LIMIT counts rows that pass the filters: with filters, storage returns every row and
            // the collector's count of accepted rows says how many the partition may still give.
            int remainingInLast = Where.Filters.Count == 0
                ? lastLimit - lastPartition.Rows.Count
                : page.LastKey is { } accepted && accepted.Key.AsSpan().SequenceEqual(lastPartition.Key.Key) ? page.RemainingInLastPartition : lastLimit;
            if (lastRow is null || lastRow.Clustering.Size == 0 || remainingInLast <= 0)
            {
                start = PartitionPosition.AfterKey(lastPartition.Key);
                firstFilter = null;
            }
            else
            {
                firstPartitionLimit = remainingInLast;
                start = new PartitionPosition(lastPartition.Key.Token, lastPartition.Key.Key, true);
                firstFilter = FilterFor(ClipAfter(slices, lastRow.Clustering.Values));
            }
        }

        // Whether storage applied the first-partition filter to this partition: only to the one paging stopped in.
        bool IsResumed(PartitionData partition) =>
            firstFilter is not null && start is { Key: { } startKey } && partition.Key.Key.AsSpan().SequenceEqual(startKey);
    }

    /// <summary>The part of the slices strictly after a clustering in read order (before it when reversed).</summary>
    private List<Slice> ClipAfter(IReadOnlyList<Slice> slices, byte[][] clustering)
    {
        var comparator = Table.Comparator;
        var position = new Clustering(clustering);
        var result = new List<Slice>();
        for (int i = 0; i < slices.Count; i++)
        {
            var slice = slices[i];
            bool afterEnd = !comparator.IsBeforeEnd(position, slice.End);
            bool beforeStart = !comparator.IsAfterStart(position, slice.Start);
            if (!Reversed)
            {
                if (afterEnd) continue;                 // wholly read already
                result.Add(beforeStart ? slice : slice with { Start = new ClusteringBound(clustering, false) });
            }
            else
            {
                if (beforeStart) continue;              // wholly read already (reading backwards)
                result.Add(afterEnd ? slice : slice with { End = new ClusteringBound(clustering, false) });
            }
        }
        return result;
    }
}
