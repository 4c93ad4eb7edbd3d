using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Schema;
using Sibyl.Storage;

namespace Sibyl.Replica.Views;

/// <summary>
/// Keeps this replica's materialized views in step with their base tables (Cassandra's TableViews). A base
/// update to a table with views is applied under a per-partition lock: the touched base rows are read before
/// it, merged with it to get the rows after it, and the view updates computed from both are applied with it.
/// A new view is built from the base table's existing data when the schema change creating it is published.
/// </summary>
public sealed class ViewMaintenance
{
    private readonly IReplicaStore _store;
    private readonly SchemaManager _schema;
    private readonly Func<Mutation, CancellationToken, ValueTask> _apply;
    private readonly Action<string> _log;
    private readonly Func<Guid> _hostId;
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <param name="apply">Writes one mutation (base or view) to storage and its indexes.</param>
    /// <param name="log">Where view build progress is reported (the node's log).</param>
    /// <param name="hostId">This node's host id, under which view_build_status records its builds.</param>
    public ViewMaintenance(IReplicaStore store, SchemaManager schema, Func<Mutation, CancellationToken, ValueTask> apply, Action<string>? log = null,
        Func<Guid>? hostId = null)
    {
        _store = store;
        _schema = schema;
        _apply = apply;
        _log = log ?? (_ => { });
        _hostId = hostId ?? (() => Guid.Empty);
        schema.Changed += OnSchemaChanged;
    }

    public ValueTask ApplyAsync(Mutation mutation, CancellationToken cancellationToken)
    {
        var schema = _schema.Current;
        var byBase = ViewsByBase(schema);
        List<(PartitionUpdate Update, TableMetadata Base, TableMetadata[] Views)>? withViews = null;
        if (byBase.Count > 0)
        {
            foreach (var update in mutation.Updates)
                if (byBase.TryGetValue(update.TableId, out var views) && schema.GetTable(update.TableId) is { } table)
                    (withViews ??= []).Add((update, table, views));
        }
        // Tables without views: no read before write, no extra async step.
        return withViews is null ? _apply(mutation, cancellationToken) : ApplyWithViewsAsync(mutation, withViews, cancellationToken);
    }

    private async ValueTask ApplyWithViewsAsync(Mutation mutation, List<(PartitionUpdate Update, TableMetadata Base, TableMetadata[] Views)> withViews,
        CancellationToken cancellationToken)
    {
        var gate = _locks[(int)((ulong)mutation.Key.Token.Value % (ulong)_locks.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int now = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            // Before and after are both read from storage, so tombstones already there (older deletions, even
            // with future timestamps) shadow the update exactly as they do for reads.
            var before = new List<IReadOnlyList<Row>>(withViews.Count);
            foreach (var (update, table, _) in withViews)
                before.Add(ReadTouched(table, update, now));
            await _apply(mutation, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < withViews.Count; i++)
            {
                var (update, table, views) = withViews[i];
                var after = ReadTouched(table, update, now);
                foreach (var view in views)
                    foreach (var viewMutation in new ViewUpdateGenerator(table, view).Generate(update.Key, before[i], after, update, now))
                        await _apply(viewMutation, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record ViewIndex(SchemaSnapshot Schema, Dictionary<Guid, TableMetadata[]> ByBase);

    private volatile ViewIndex? _index;

    /// <summary>Base table id to its views for a schema snapshot, computed once per snapshot: writes to tables
    /// without views pay one dictionary lookup.</summary>
    private Dictionary<Guid, TableMetadata[]> ViewsByBase(SchemaSnapshot schema)
    {
        var index = _index;
        if (index is not null && ReferenceEquals(index.Schema, schema)) return index.ByBase;
        var byBase = new Dictionary<Guid, TableMetadata[]>();
        foreach (var ks in schema.Keyspaces.Values)
            foreach (var group in ks.Tables.Values.Where(t => t.View is not null).GroupBy(t => t.View!.BaseTableId))
                byBase[group.Key] = [.. group];
        _index = new ViewIndex(schema, byBase);
        return byBase;
    }

    /// <summary>The live base rows of the update's partition that it touches: those it names, or all of them when
    /// it deletes the partition or a range.</summary>
    private IReadOnlyList<Row> ReadTouched(TableMetadata table, PartitionUpdate update, int now)
    {
        ClusteringIndexFilter filter;
        if (update.PartitionDeletion.IsLive && update.RangeTombstones.Count == 0)
        {
            // Only the rows the update names: one slice each, in clustering order.
            if (update.Rows.Count == 0) return [];
            var named = update.Rows.Select(r => r.Clustering).ToList();
            named.Sort(table.Comparator.Compare);
            filter = new ClusteringIndexFilter([.. named.Select(c => Slice.ForPrefix(c.Values))], false);
        }
        else
        {
            filter = ClusteringIndexFilter.All;
        }
        var data = _store.Read(new SinglePartitionReadCommand(table.Id, update.Key, filter, DataLimits.None, now));
        return data.Count > 0 ? data[0].Rows : [];
    }

    /// <summary>TRUNCATE of a base table empties its views too.</summary>
    public void TruncateViews(Guid baseTableId)
    {
        var schema = _schema.Current;
        if (schema.GetTable(baseTableId) is not { } table || schema.GetKeyspace(table.Keyspace) is not { } ks) return;
        foreach (var view in ks.ViewsOf(baseTableId))
            _store.Truncate(view.Id);
    }

    private void OnSchemaChanged(SchemaSnapshot before, SchemaSnapshot after)
    {
        foreach (var ks in after.Keyspaces.Values)
            foreach (var table in ks.Tables.Values)
                if (table.View is { } view && before.GetTable(table.Id) is null && after.GetTable(view.BaseTableId) is { } baseTable)
                    BuildAndRecord(baseTable, table, after);
        // A dropped view's build status goes with it (Cassandra's setViewRemoved).
        if (ViewBuildStatus.Table(after) is not { } status) return;
        foreach (var ks in before.Keyspaces.Values)
            foreach (var table in ks.Tables.Values)
                if (table.IsView && after.GetTable(table.Id) is null)
                    Record(ViewBuildStatus.Removed(status, table, NowMicros(), (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    }

    /// <summary>Builds a new view, recording STARTED then SUCCESS in system_distributed.view_build_status under this host.</summary>
    private void BuildAndRecord(TableMetadata baseTable, TableMetadata view, SchemaSnapshot schema)
    {
        var status = ViewBuildStatus.Table(schema);
        long started = NowMicros();
        if (status is not null)
            Record(ViewBuildStatus.Started(status, view, _hostId(), started));
        Build(baseTable, view);
        if (status is not null)
            Record(ViewBuildStatus.Succeeded(status, view, _hostId(), Math.Max(NowMicros(), started + 1)));
    }

    private void Record(Mutation mutation) => _apply(mutation, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    private static long NowMicros() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;

    /// <summary>Builds a new view from the base table's existing data (Cassandra's ViewBuilder), synchronously,
    /// a page of rows at a time; the partition a page ends in is re-read whole.</summary>
    private void Build(TableMetadata baseTable, TableMetadata view)
    {
        _log($"Building materialized view {view.QualifiedName} from {baseTable.QualifiedName}");
        int now = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var generator = new ViewUpdateGenerator(baseTable, view);
        long partitions = 0, rows = 0;
        PartitionPosition? start = null;
        const int pageRows = 10_000;
        while (true)
        {
            var page = _store.Read(new PartitionRangeReadCommand(baseTable.Id, start, null, ClusteringIndexFilter.All,
                new DataLimits(pageRows, DataLimits.NoLimit), now));
            int pageRowCount = page.Sum(p => p.Rows.Count);
            for (int i = 0; i < page.Count; i++)
            {
                var partition = page[i];
                if (i == page.Count - 1 && pageRowCount >= pageRows)
                {
                    var whole = _store.Read(new SinglePartitionReadCommand(baseTable.Id, partition.Key, ClusteringIndexFilter.All, DataLimits.None, now));
                    if (whole.Count == 0) continue;
                    partition = whole[0];
                }
                var empty = new PartitionUpdate(baseTable.Id, partition.Key);
                foreach (var mutation in generator.Generate(partition.Key, [], partition.Rows, empty, now))
                    _apply(mutation, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                partitions++;
                rows += partition.Rows.Count;
            }
            if (page.Count == 0 || pageRowCount < pageRows) break;
            start = PartitionPosition.AfterKey(page[^1].Key);
            _log($"Building materialized view {view.QualifiedName}: {partitions} partitions so far");
        }
        _log($"Built materialized view {view.QualifiedName}: {partitions} partitions, {rows} rows");
    }
}
