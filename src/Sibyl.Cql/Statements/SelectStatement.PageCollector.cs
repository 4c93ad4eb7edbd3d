using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Paging;
using Sibyl.Cql.Restrictions;
using Sibyl.Cql.Selection;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Statements;

public sealed partial class SelectStatement
{
    /// <summary>
    /// Accumulates one page of results: applies row filters, per-partition limits, selection, aggregation
    /// and post-query ordering, and remembers where the page stopped.
    /// </summary>
    private sealed class PageCollector
    {
        private SelectStatement _statement = null!;
        private int _now;
        private int _limit;
        private (FilterExpression Filter, byte[]? Value, List<byte[]>? Set)[] _filters = [];
        // The first accepted row alone (a page of one row, a read by key, needs no list), an array from the second.
        private ItemsBuilder<byte[]?[]> _rows;
        // Kept only for post-query ordering (IN on the partition key with ORDER BY), which sorts rows by them.
        private List<Clustering?>? _rowClusterings;
        private IAggregateState?[]? _aggregates;
        private byte[]?[]? _firstRowForAggregates;
        private int _accepted;
        private GroupCollector? _groups;
        private QueryOptions _options = null!;
        private QueryState _state = null!;

        private PageCollector()
        {
        }

        /// <summary>A collector for one page, in the state a new one would have.</summary>
        public static PageCollector Rent(SelectStatement statement, int now, int pageLimit, int perPartitionLimit, QueryOptions options, QueryState state,
            PagingState? groupPaging = null)
        {
            // One collector per thread, reused: taken here, put back by Return once the page's result is built.
            var page = ThreadSpare<PageCollector>.Take() ?? new PageCollector();
            page.Start(statement, now, pageLimit, perPartitionLimit, options, state, groupPaging);
            return page;
        }

        /// <summary>Done with the page (its rows belong to the result now): drops every reference and keeps the collector for the thread.</summary>
        public void Return()
        {
            _statement = null!;
            _filters = [];
            _rows = default;
            _rowClusterings = null;
            _aggregates = null;
            _firstRowForAggregates = null;
            _groups = null;
            _options = null!;
            _state = null!;
            _partitionKey = [];
            _singleKeyValues[0] = null!;
            LastKey = null;
            LastClustering = null;
            ThreadSpare<PageCollector>.Give(this);
        }

        private void Start(SelectStatement statement, int now, int pageLimit, int perPartitionLimit, QueryOptions options, QueryState state,
            PagingState? groupPaging)
        {
            _statement = statement;
            _now = now;
            _options = options;
            _state = state;
            _accepted = 0;
            RemainingInLastPartition = 0;
            _limit = statement.PostOrdering ? int.MaxValue : pageLimit;
            if (statement.GroupBy is { } groupBy)
            {
                // Groups end only when the next one starts: read everything, count groups instead of rows.
                _groups = new GroupCollector(groupBy, statement._selection, statement.Table, statement.Reversed, statement.PostOrdering ? int.MaxValue : pageLimit, perPartitionLimit, groupPaging,
                    tokenOrdered: statement.Where.IsKeyRange);
                _limit = int.MaxValue;
            }
            PostOrderLimit = pageLimit;
            if (statement.PostOrdering) _rowClusterings = [];
            var filters = statement.Where.Filters;
            _filters = filters.Count == 0 ? [] : new (FilterExpression, byte[]?, List<byte[]>?)[filters.Count];
            for (int i = 0; i < filters.Count; i++)
            {
                var f = filters[i];
                var set = f.Set?.Values(options, state, f.Column.Name);
                byte[]? value = set is null ? f.Value.Bind(options, state) : null;
                if (set is null && value is null)
                    throw new InvalidRequestException($"Unsupported null value for column {f.Column.Name}");
                if (QueryOptions.IsUnset(value))
                    throw new InvalidRequestException($"Unsupported unset value for column {f.Column.Name}");
                _filters[i] = (f, value, set);
            }
            if (statement.IsAggregate && _groups is null)
                _aggregates = [.. statement._selection.Select(s => s.Selector.IsAggregate ? s.Selector.NewState() : null)];
        }

        private int PostOrderLimit { get; set; }

        public int Remaining => _limit - _accepted;

        public bool IsFull => _groups is null ? _accepted >= _limit : _groups.HasMore;

        public GroupCollector? Groups => _groups;

        private byte[] _partitionKey = [];

        public DecoratedKey? LastKey { get; private set; }

        public byte[][]? LastClustering { get; private set; }

        public int RemainingInLastPartition { get; private set; }

        public void AddPartition(PartitionData partition, int perPartitionLimit, bool queriedWholePartition)
        {
            var pk = PartitionKeyValues(partition.Key.Key);
            _partitionKey = partition.Key.Key;
            var staticRow = partition.StaticRow;
            int count = 0;
            if (_statement.IsDistinct)
            {
                bool hasLive = partition.Rows.Count > 0 || (staticRow?.HasLiveData(_now) ?? false);
                if (hasLive && Accept(new RowView(pk, null, staticRow, _now, _statement.Table) { Options = _options, State = _state }, null))
                    MarkPosition(partition.Key, null, 0);
                return;
            }
            var rows = partition.Rows;
            for (int i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (count >= perPartitionLimit || IsFull) break;
                if (!Accept(new RowView(pk, row, staticRow, _now, _statement.Table) { Options = _options, State = _state }, row.Clustering)) continue;
                count++;
                MarkPosition(partition.Key, row.Clustering.Values, perPartitionLimit - count);
            }
            // A partition holding only static content is returned as one row when the query asks for whole
            // partitions (Cassandra's returnStaticContentOnPartitionWithNoRows).
            if (partition.Rows.Count == 0 && queriedWholePartition && staticRow is not null && staticRow.HasLiveData(_now) && !IsFull)
            {
                if (Accept(new RowView(pk, null, staticRow, _now, _statement.Table) { Options = _options, State = _state }, null))
                    MarkPosition(partition.Key, null, 0);
            }
        }

        // The values array of a one-column partition key, reused from partition to partition (and page to page).
        private readonly byte[][] _singleKeyValues = new byte[1][];

        /// <summary>
        /// The partition key column values of a partition. Rows become result values at once unless grouped or
        /// aggregated (those may keep a row view), so then a one-column key needs no array of its own.
        /// </summary>
        private byte[][] PartitionKeyValues(byte[] key)
        {
            int columns = _statement.Table.PartitionKeyColumns.Length;
            if (columns != 1 || _groups is not null || _aggregates is not null) return PartitionKeys.Split(key, columns);
            _singleKeyValues[0] = key;
            return _singleKeyValues;
        }

        private void MarkPosition(DecoratedKey key, byte[][]? clustering, int remainingInPartition)
        {
            LastKey = key;
            LastClustering = clustering;
            RemainingInLastPartition = remainingInPartition;
        }

        private bool Accept(RowView view, Clustering? clustering)
        {
            foreach (var (filter, value, set) in _filters)
                if (!Matches(filter, value, set, view)) return false;
            var selection = _statement._selection;
            if (_groups is not null)
            {
                _groups.Add(_partitionKey, clustering?.Values, view);
                return true;
            }
            if (_aggregates is not null)
            {
                for (int i = 0; i < _aggregates.Length; i++) _aggregates[i]?.Add(view);
                if (_firstRowForAggregates is null)
                {
                    _firstRowForAggregates = new byte[]?[selection.Count];
                    for (int i = 0; i < selection.Count; i++)
                        if (!selection[i].Selector.IsAggregate) _firstRowForAggregates[i] = selection[i].Selector.Value(view);
                }
                return true;
            }
            var values = new byte[]?[selection.Count];
            for (int i = 0; i < values.Length; i++) values[i] = selection[i].Selector.Value(view);
            _rows.Add(values);
            _rowClusterings?.Add(clustering);
            _accepted++;
            return true;
        }

        private static bool Matches(FilterExpression filter, byte[]? value, List<byte[]>? set, in RowView view)
        {
            var actual = view.Value(filter.Column);
            if (actual is null) return false;
            var type = filter.Column.Type;
            if (filter.IsMapEntry) return MapEntryRestriction.Matches((MapType)type, actual, value!);
            switch (filter.Operator)
            {
                case RelationOperator.In:
                    return set!.Any(v => type.Compare(actual, v) == 0);
                case RelationOperator.Contains:
                    return type switch
                    {
                        MapType map => CollectionSerializer.ReadEntries(actual).Any(kv => map.Value.Compare(kv.Value, value) == 0),
                        ListType list => CollectionSerializer.ReadElements(actual).Any(e => list.Element.Compare(e, value) == 0),
                        SetType s => CollectionSerializer.ReadElements(actual).Any(e => s.Element.Compare(e, value) == 0),
                        _ => false,
                    };
                case RelationOperator.ContainsKey:
                    return CollectionSerializer.ReadEntries(actual).Any(kv => ((MapType)type).Key.Compare(kv.Key, value) == 0);
            }
            int c = type.Compare(actual, value);
            return filter.Operator switch
            {
                RelationOperator.Eq => c == 0,
                RelationOperator.Neq => c != 0,
                RelationOperator.Lt => c < 0,
                RelationOperator.Lte => c <= 0,
                RelationOperator.Gt => c > 0,
                RelationOperator.Gte => c >= 0,
                _ => throw new InvalidRequestException($"Unsupported operator {filter.Operator.ToCql()} in filtering"),
            };
        }

        public IReadOnlyList<byte[]?[]> Finish()
        {
            if (_groups is not null)
            {
                var groups = _groups.Finish();
                if (!_statement.PostOrdering) return groups;
                // Groups of several partitions are ordered by the clustering of their first row, as Cassandra orders rows.
                var groupComparator = _statement.Table.Comparator;
                int groupSign = _statement.Reversed ? -1 : 1;
                var clusterings = _groups.RowClusterings;
                return [.. Enumerable.Range(0, groups.Count)
                    .OrderBy(i => clusterings[i] is { } c ? new Clustering(c) : Clustering.Empty,
                        Comparer<Clustering>.Create((a, b) => groupSign * groupComparator.Compare(a, b)))
                    .Select(i => groups[i]).Take(PostOrderLimit)];
            }
            if (_aggregates is not null)
            {
                var row = _firstRowForAggregates ?? new byte[]?[_aggregates.Length];
                for (int i = 0; i < _aggregates.Length; i++)
                    if (_aggregates[i] is { } agg) row[i] = agg.Result();
                return [row];
            }
            var rows = _rows.ToReadOnlyList();
            return _statement.PostOrdering ? PostOrdered(rows) : rows;
        }

        // Its own method: the lambdas' captured state would otherwise be allocated on every Finish.
        private List<byte[]?[]> PostOrdered(IReadOnlyList<byte[]?[]> rows)
        {
            var comparator = _statement.Table.Comparator;
            int sign = _statement.Reversed ? -1 : 1;
            var clusterings = _rowClusterings!;
            return [.. Enumerable.Range(0, rows.Count)
                .OrderBy(i => clusterings[i]!, Comparer<Clustering>.Create((a, b) => sign * comparator.Compare(a, b)))
                .Take(PostOrderLimit).Select(i => rows[i])];
        }
    }
}
