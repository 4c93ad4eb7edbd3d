using Sibyl.Cql.Paging;
using Sibyl.Data.Partitioning;
using Sibyl.Schema;

namespace Sibyl.Cql.Selection;

/// <summary>
/// Folds rows read in order into one result row per group: aggregates over the group's rows, other selectors
/// from its first row. Counts groups against the page and per-partition limits, and on a later page skips the
/// groups an earlier page returned (the paging state names the last group returned).
/// </summary>
public sealed class GroupCollector
{
    private readonly GroupBy _groupBy;
    private readonly List<(Selector Selector, string Name)> _selection;
    private readonly TableMetadata _table;
    private readonly bool _reversed;
    private readonly int _pageLimit;
    private readonly int _perPartitionLimit;
    private readonly PagingState? _resume;
    private readonly List<byte[]?[]> _rows = [];

    private bool _skipping;
    private bool _seenResumePartition;
    private readonly bool _tokenOrdered;
    private byte[]? _groupKey;
    private byte[][]? _groupClustering;
    private IAggregateState?[]? _states;
    private byte[]?[]? _first;
    private byte[][]? _firstClustering;
    private readonly List<byte[][]?> _rowClusterings = [];
    private byte[]? _countedPartition;
    private int _groupsInPartition;

    public GroupCollector(GroupBy groupBy, List<(Selector Selector, string Name)> selection, TableMetadata table, bool reversed,
        int pageLimit, int perPartitionLimit, PagingState? resume, bool tokenOrdered)
    {
        _tokenOrdered = tokenOrdered;
        _groupBy = groupBy;
        _selection = selection;
        _table = table;
        _reversed = reversed;
        _pageLimit = pageLimit;
        _perPartitionLimit = perPartitionLimit;
        _resume = resume;
        _skipping = resume is not null;
    }

    /// <summary>True once a group beyond this page exists: reading can stop.</summary>
    public bool HasMore { get; private set; }

    public byte[]? LastPartitionKey { get; private set; }

    public byte[][]? LastClustering { get; private set; }

    public int LastGroupsInPartition { get; private set; }

    public void Add(byte[] partitionKey, byte[][]? clustering, in RowView row)
    {
        if (HasMore) return;
        if (!_groupBy.SameGroup(partitionKey, clustering, _groupKey, _groupClustering))
        {
            Emit();
            _groupKey = partitionKey;
            _groupClustering = _groupBy.Prefix(clustering);
            _states = [.. _selection.Select(s => s.Selector.IsAggregate ? s.Selector.NewState() : null)];
            _first = null;
        }
        for (int i = 0; i < _states!.Length; i++) _states[i]?.Add(row);
        if (_first is null)
        {
            _firstClustering = clustering;
            _first = new byte[]?[_selection.Count];
            for (int i = 0; i < _first.Length; i++)
                if (!_selection[i].Selector.IsAggregate) _first[i] = _selection[i].Selector.Value(row);
        }
    }

    public List<byte[]?[]> Finish()
    {
        Emit();
        return _rows;
    }

    /// <summary>The clustering of each returned group's first row, for ORDER BY across partitions (null for static-only groups).</summary>
    public IReadOnlyList<byte[][]?> RowClusterings => _rowClusterings;

    private void Emit()
    {
        if (_groupKey is null || HasMore) return;
        var key = _groupKey;
        _groupKey = null;
        if (_countedPartition is null || !_countedPartition.AsSpan().SequenceEqual(key))
        {
            _countedPartition = key;
            _groupsInPartition = 0;
        }
        _groupsInPartition++;
        if (_skipping)
        {
            int c = CompareToResume(key, _groupClustering!);
            if (c <= 0)
            {
                if (c == 0) _groupsInPartition = _resume!.RemainingInPartition;
                return;
            }
            _skipping = false;
        }
        if (_groupsInPartition > _perPartitionLimit) return;
        if (_rows.Count >= _pageLimit)
        {
            HasMore = true;
            return;
        }
        var row = _first ?? new byte[]?[_selection.Count];
        for (int i = 0; i < row.Length; i++)
            if (_states![i] is { } state) row[i] = state.Result();
        _rows.Add(row);
        _rowClusterings.Add(_firstClustering);
        LastPartitionKey = key;
        LastClustering = _groupClustering;
        LastGroupsInPartition = _groupsInPartition;
    }

    /// <summary>Orders a group against the last group of the previous page, in read order.</summary>
    private int CompareToResume(byte[] partitionKey, byte[][] clustering)
    {
        var resume = _resume!;
        bool samePartition = partitionKey.AsSpan().SequenceEqual(resume.PartitionKey);
        if (!_tokenOrdered && !samePartition)
        {
            // Partitions named by IN come in the order the query lists them: everything after the last page's partition is new.
            return _seenResumePartition ? 1 : -1;
        }
        _seenResumePartition |= samePartition;
        if (!samePartition)
        {
            int t = Murmur3Partitioner.GetToken(partitionKey).CompareTo(Murmur3Partitioner.GetToken(resume.PartitionKey));
            return t != 0 ? t : partitionKey.AsSpan().SequenceCompareTo(resume.PartitionKey);
        }
        int c = _table.Comparator.ComparePrefixes(clustering, resume.Clustering ?? []);
        return _reversed ? -c : c;
    }
}
