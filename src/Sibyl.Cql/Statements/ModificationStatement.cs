using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Operations;
using Sibyl.Cql.Restrictions;
using Sibyl.Cql.Results;
using Sibyl.Cql.Terms;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements;

/// <summary>What a modification does to each row it names.</summary>
public enum ModificationKind
{
    Insert,
    Update,
    Delete,
}

/// <summary>
/// One column assignment (INSERT value or UPDATE SET c = v) or a column deletion (value null); collection and
/// UDT operations say what they do in <see cref="Kind"/>, with the list index or map key in <see cref="Element"/>
/// and the UDT field position in <see cref="Field"/>.
/// </summary>
public sealed record ColumnOperation(ColumnMetadata Column, Term? Value)
{
    public Operations.OperationKind Kind { get; init; } = Operations.OperationKind.Set;

    public Term? Element { get; init; }

    public int Field { get; init; } = -1;
}

/// <summary>
/// A prepared INSERT, UPDATE or DELETE: turns bound values into mutations (Cassandra's ModificationStatement).
/// INSERT names its rows by values, UPDATE and DELETE by their WHERE clause.
/// </summary>
public sealed partial class ModificationStatement : CqlStatement
{
    internal ModificationStatement(
        ModificationKind kind,
        TableMetadata table,
        IReadOnlyList<ColumnOperation> operations,
        WhereClause where,
        Term? timestamp,
        Term? timeToLive,
        IReadOnlyList<short>? partitionKeyBindIndexes)
    {
        Kind = kind;
        Table = table;
        Operations = operations;
        Where = where;
        Timestamp = timestamp;
        TimeToLive = timeToLive;
        PartitionKeyBindIndexes = partitionKeyBindIndexes;
    }

    public ModificationKind Kind { get; }
    public TableMetadata Table { get; }
    public IReadOnlyList<ColumnOperation> Operations { get; }
    public WhereClause Where { get; }
    public Term? Timestamp { get; }
    public Term? TimeToLive { get; }

    public override IReadOnlyList<short>? PartitionKeyBindIndexes { get; }

    public override (string Keyspace, string Table)? Target => (Table.Keyspace, Table.Name);

    public bool HasTimestamp => Timestamp is not null;

    public override async ValueTask<CqlResult> ExecuteAsync(IQueryContext context, QueryState state, QueryOptions options, CancellationToken cancellationToken)
    {
        if (IsConditional)
            return await ExecuteWithConditionAsync(context, state, options, cancellationToken).ConfigureAwait(false);
        if (BuildSingleRowMutation(options, state) is { } single)
        {
            await context.MutateAsync(single, options.Consistency, cancellationToken).ConfigureAwait(false);
            return VoidResult.Instance;
        }
        var prefetched = RequiresRead ? await PrefetchAsync(context, options, state, cancellationToken).ConfigureAwait(false) : null;
        var mutations = BuildMutations(options, state, batchTimestamp: null, prefetched);
        if (Table.IsCounter) await context.MutateCountersAsync(mutations, options.Consistency, cancellationToken).ConfigureAwait(false);
        else await context.MutateAsync(mutations, options.Consistency, cancellationToken).ConfigureAwait(false);
        return VoidResult.Instance;
    }

    /// <summary>The mutations this statement makes with these values (one per partition key).</summary>
    public List<Mutation> BuildMutations(QueryOptions options, QueryState state, long? batchTimestamp, IReadOnlyList<PartitionData>? prefetched = null)
    {
        long timestamp = BindTimestamp(options, state, batchTimestamp);
        int ttl = BindTtl(options, state);
        var keys = Where.PartitionKeys(options, state);
        var mutations = new List<Mutation>(keys.Count);
        for (int k = 0; k < keys.Count; k++)
        {
            var key = keys[k];
            if (key.Key.Length == 0)
                throw new InvalidRequestException("Key may not be empty");
            var mutation = new Mutation(Table.Keyspace, key);
            var update = mutation.GetOrAdd(Table.Id);
            Apply(update, options, state, timestamp, ttl, prefetched);
            mutations.Add(mutation);
        }
        return mutations;
    }

    private void Apply(PartitionUpdate update, QueryOptions options, QueryState state, long timestamp, int ttl, IReadOnlyList<PartitionData>? prefetched)
    {
        int now = state.NowInSeconds;
        var deletion = new DeletionTime(timestamp, now);
        bool onlyStatic = OnlyStaticOperations;
        bool hasFullClustering = Where.ClusteringPrefixSize == Table.ClusteringColumns.Length && !Where.HasClusteringSlice;

        if (Kind == ModificationKind.Delete && Operations.Count == 0)
        {
            if (Table.ClusteringColumns.Length == 0 || (!Where.HasClusteringRestrictions))
            {
                update.DeletePartition(deletion);
            }
            else if (hasFullClustering)
            {
                foreach (var clustering in Where.Clusterings(options, state))
                {
                    CheckCompactClustering(clustering);
                    update.Add(new Row(new Clustering(clustering), LivenessInfo.Empty, deletion, []));
                }
            }
            else
            {
                foreach (var slice in Where.Slices(options, state))
                    update.AddRangeTombstone(new RangeTombstone(slice, deletion));
            }
            return;
        }

        // Cells for static columns go to the static row; the rest to each named row.
        var write = new WriteContext(update.Key, prefetched, timestamp, ttl, now, options, state);
        RowWrite? staticWrite = null;
        var regularOps = Operations.Count == 0 ? [] : new (ColumnOperation Op, byte[]? Value)[Operations.Count];
        int regularCount = 0;
        for (int o = 0; o < Operations.Count; o++) // indexed: a foreach over the interface boxes its enumerator
        {
            var op = Operations[o];
            byte[]? value = op.Value?.Bind(options, state);
            if (QueryOptions.IsUnset(value) && op.Kind is not (OperationKind.SetElement or OperationKind.SetField)) continue;
            if (op.Column.IsStatic) ApplyOperation(op, value, staticWrite ??= new RowWrite(), Clustering.StaticClustering.Values, write);
            else regularOps[regularCount++] = (op, value);
        }
        if (staticWrite is { IsEmpty: false })
            update.Add(staticWrite.ToRow(Clustering.StaticClustering, LivenessInfo.Empty));

        // An INSERT naming its row writes the row marker even when it sets only static columns.
        bool insertRowMarker = Kind == ModificationKind.Insert && !(onlyStatic && Table.ClusteringColumns.Length > 0 && Where.ClusteringPrefixSize == 0);
        if (Table.IsCompactStorage) insertRowMarker = CompactRowMarker(insertRowMarker);
        if (regularCount == 0 && !insertRowMarker) return;

        IReadOnlyList<byte[][]> clusterings = Table.ClusteringColumns.Length == 0 ? NoClusteringValues : Where.Clusterings(options, state);
        for (int c = 0; c < clusterings.Count; c++)
        {
            var values = clusterings[c];
            // Cassandra bounds a clustering's data size (its values' bytes, without framing) by 64 KiB.
            long keyLength = 0;
            foreach (var v in values) keyLength += v.Length;
            if (keyLength > ushort.MaxValue)
                throw new InvalidRequestException($"Key length of {keyLength} is longer than maximum of {ushort.MaxValue}");
            CheckCompactClustering(values);
            var rowWrite = new RowWrite();
            for (int i = 0; i < regularCount; i++)
                ApplyOperation(regularOps[i].Op, regularOps[i].Value, rowWrite, values, write);
            var liveness = insertRowMarker ? LivenessInfo.Create(timestamp, ttl, now) : LivenessInfo.Empty;
            if (rowWrite.IsEmpty && liveness.IsEmpty) continue;
            var clustering = values.Length == 0 ? Clustering.Empty : new Clustering(values);
            update.Add(rowWrite.ToRow(clustering, liveness));
        }
    }

    /// <summary>The one row of a table without clustering columns: shared, as every write of such a table needs it.</summary>
    private static readonly IReadOnlyList<byte[][]> NoClusteringValues = [[]];

    private bool? _onlyStatic;

    /// <summary>Fixed at preparation, so computed once rather than per execution.</summary>
    private bool OnlyStaticOperations => _onlyStatic ??= Operations.Count > 0 && Operations.All(o => o.Column.IsStatic);

    private Cell MakeCell(ColumnMetadata column, byte[]? value, long timestamp, int ttl, int now) =>
        Kind == ModificationKind.Delete || value is null
            ? Cell.Tombstone(column.Name, timestamp, now)
            : ttl > 0 ? Cell.Expiring(column.Name, value, timestamp, ttl, now) : Cell.Live(column.Name, value, timestamp);

    private long BindTimestamp(QueryOptions options, QueryState state, long? batchTimestamp)
    {
        if (Timestamp is not null)
        {
            var value = Timestamp.Bind(options, state);
            if (value is null) throw new InvalidRequestException("Invalid null value of timestamp");
            if (!QueryOptions.IsUnset(value))
            {
                long ts = (long)CqlType.BigInt.Compose(value)!;
                if (ts == long.MinValue)
                    throw new InvalidRequestException($"Out of bound timestamp, must be in [{long.MinValue + 1}, {long.MaxValue}]");
                return ts;
            }
        }
        return batchTimestamp ?? options.Timestamp ?? state.TimestampMicros;
    }

    private int BindTtl(QueryOptions options, QueryState state)
    {
        if (TimeToLive is null) return Table.Params.DefaultTimeToLive;
        var value = TimeToLive.Bind(options, state);
        if (value is null) return LivenessInfo.NoTtl; // Cassandra's Attributes: a null TTL means no TTL, not the default
        if (QueryOptions.IsUnset(value)) return Table.Params.DefaultTimeToLive;
        int ttl = (int)CqlType.Int.Compose(value)!;
        if (ttl < 0) throw new InvalidRequestException($"A TTL must be greater or equal to 0, but was {ttl}");
        if (ttl > TableParams.MaxTtl) throw new InvalidRequestException($"ttl is too large. requested ({ttl}) maximum ({TableParams.MaxTtl})");
        return ttl;
    }
}
