using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Operations;
using Sibyl.Cql.Selection;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements;

/// <summary>
/// How each column operation becomes cells. A non-frozen collection or UDT is a complex column: one cell per
/// element (set: path = element, empty value; map: path = key; list: path = a time UUID; UDT: path = field
/// position as a 2-byte short) and a complex deletion that shadows older elements. Overwriting writes the
/// deletion at timestamp - 1 and then the new elements, as Cassandra does. List operations by index and list
/// removal read the current list first (read-before-write).
/// </summary>
public sealed partial class ModificationStatement
{
    private readonly record struct WriteContext(
        DecoratedKey Key, IReadOnlyList<PartitionData>? Prefetched, long Timestamp, int Ttl, int Now, QueryOptions Options, QueryState State);

    /// <summary>Whether executing needs the current rows first: list removal and list element by index.</summary>
    public bool RequiresRead => Operations.Any(RequiresReadFor);

    private static bool RequiresReadFor(ColumnOperation op) =>
        op.Column.Type is ListType { IsMultiCell: true } && op.Kind is OperationKind.Remove or OperationKind.SetElement or OperationKind.DeleteElement;

    /// <summary>Reads the rows this statement names, for operations that <see cref="RequiresRead"/>.</summary>
    public async ValueTask<IReadOnlyList<PartitionData>> PrefetchAsync(IQueryContext context, QueryOptions options, QueryState state, CancellationToken cancellationToken)
    {
        var result = new List<PartitionData>();
        var keys = Where.PartitionKeys(options, state);
        bool onlyStatic = Operations.Where(RequiresReadFor).All(o => o.Column.IsStatic);
        var slices = new List<Slice>();
        if (onlyStatic || Table.ClusteringColumns.Length == 0)
            slices.Add(Slice.All);
        else
            foreach (var clustering in Where.Clusterings(options, state)) slices.Add(Slice.ForPrefix(clustering));
        slices.Sort((a, b) => Table.Comparator.ComparePrefixes(a.Start.Prefix, b.Start.Prefix));
        var filter = new ClusteringIndexFilter(onlyStatic ? [Slice.All] : slices, false);
        foreach (var key in keys)
        {
            if (key.Key.Length == 0) continue;
            var read = new SinglePartitionReadCommand(Table.Id, key, filter, onlyStatic ? new DataLimits(1, 1) : DataLimits.None, state.NowInSeconds);
            result.AddRange(await context.ReadAsync(read, options.Consistency, state, cancellationToken).ConfigureAwait(false));
        }
        return result;
    }

    private void ApplyOperation(ColumnOperation op, byte[]? value, RowWrite write, byte[][] clustering, in WriteContext ctx)
    {
        var column = op.Column;
        var type = column.Type;
        if (!type.IsMultiCell && op.Kind == OperationKind.Set)
        {
            write.Cells.Add(MakeCell(column, value, ctx.Timestamp, ctx.Ttl, ctx.Now));
            return;
        }
        switch (op.Kind)
        {
            case OperationKind.Set:
                if (Kind == ModificationKind.Delete)
                {
                    write.ComplexDeletions.Add(new ComplexDeletion(column.Name, new DeletionTime(ctx.Timestamp, ctx.Now)));
                    return;
                }
                write.ComplexDeletions.Add(new ComplexDeletion(column.Name, new DeletionTime(ctx.Timestamp - 1, ctx.Now)));
                if (value is not null) AddElements(column, value, write, ctx, prepend: false);
                return;
            case OperationKind.Add:
                if (value is not null) AddElements(column, value, write, ctx, prepend: false);
                return;
            case OperationKind.Prepend:
                if (value is not null) AddElements(column, value, write, ctx, prepend: true);
                return;
            case OperationKind.Remove:
                if (value is not null) RemoveElements(column, value, write, clustering, ctx);
                return;
            case OperationKind.SetElement:
                SetElement(op, value, write, clustering, ctx);
                return;
            case OperationKind.SetField:
                if (QueryOptions.IsUnset(value)) return;
                write.Cells.Add(ElementCell(column, FieldPath(op.Field), value, ctx));
                return;
            case OperationKind.DeleteField:
                write.Cells.Add(Cell.Tombstone(column.Name, ctx.Timestamp, ctx.Now, FieldPath(op.Field)));
                return;
            case OperationKind.DeleteElement:
                DeleteElement(op, write, clustering, ctx);
                return;
        }
    }

    private static void AddElements(ColumnMetadata column, byte[] value, RowWrite write, in WriteContext ctx, bool prepend)
    {
        switch (column.Type)
        {
            case ListType:
            {
                var elements = CollectionSerializer.ReadElements(value);
                long micros = ctx.State.TimestampMicros;
                long block = prepend ? ctx.State.NextCellPathSequence() : 0;
                foreach (var element in elements)
                {
                    long sequence = ctx.State.NextCellPathSequence();
                    int salt = ctx.State.CellPathSalt;
                    var path = prepend ? ListCellPath.ForPrepend(micros, block, sequence, salt) : ListCellPath.ForAppend(micros, sequence, salt);
                    write.Cells.Add(ElementCell(column, path, element, ctx));
                }
                break;
            }
            case SetType:
                foreach (var element in CollectionSerializer.ReadElements(value))
                    write.Cells.Add(ElementCell(column, element, [], ctx));
                break;
            case MapType:
                foreach (var (key, mapValue) in CollectionSerializer.ReadEntries(value))
                    write.Cells.Add(ElementCell(column, key, mapValue, ctx));
                break;
            case UserType:
            {
                // A null field writes nothing: the overwrite's complex deletion already removed it.
                var fields = TupleType.SplitValue(value);
                for (int i = 0; i < fields.Count; i++)
                    if (fields[i] is { } field) write.Cells.Add(ElementCell(column, FieldPath(i), field, ctx));
                break;
            }
        }
    }

    private void RemoveElements(ColumnMetadata column, byte[] value, RowWrite write, byte[][] clustering, in WriteContext ctx)
    {
        if (column.Type is ListType)
        {
            var toDiscard = CollectionSerializer.ReadElements(value);
            foreach (var cell in CurrentList(column, clustering, write, ctx))
                if (toDiscard.Exists(d => d.AsSpan().SequenceEqual(cell.Value)))
                    write.Cells.Add(Cell.Tombstone(column.Name, ctx.Timestamp, ctx.Now, cell.Path));
            return;
        }
        // Sets remove elements; maps remove the keys of a set.
        foreach (var element in CollectionSerializer.ReadElements(value))
            write.Cells.Add(Cell.Tombstone(column.Name, ctx.Timestamp, ctx.Now, element));
    }

    private void SetElement(ColumnOperation op, byte[]? value, RowWrite write, byte[][] clustering, in WriteContext ctx)
    {
        var column = op.Column;
        var element = op.Element!.Bind(ctx.Options, ctx.State);
        byte[] path;
        if (column.Type is ListType)
        {
            if (element is null) throw new InvalidRequestException("Invalid null value for list index");
            if (QueryOptions.IsUnset(element)) throw new InvalidRequestException("Invalid unset value for list index");
            var cells = CurrentList(column, clustering, write, ctx);
            int index = (int)CqlType.Int.Compose(element)!;
            if (cells.Count == 0) throw new InvalidRequestException("Attempted to set an element on a list which is null");
            if (index < 0 || index >= cells.Count)
                throw new InvalidRequestException($"List index {index} out of bound, list has size {cells.Count}");
            path = cells[index].Path!;
        }
        else
        {
            if (element is null) throw new InvalidRequestException("Invalid null map key");
            if (QueryOptions.IsUnset(element)) throw new InvalidRequestException("Invalid unset map key");
            path = element;
        }
        if (QueryOptions.IsUnset(value)) return;
        write.Cells.Add(ElementCell(column, path, value, ctx));
    }

    private void DeleteElement(ColumnOperation op, RowWrite write, byte[][] clustering, in WriteContext ctx)
    {
        var column = op.Column;
        var element = op.Element!.Bind(ctx.Options, ctx.State);
        switch (column.Type)
        {
            case ListType:
            {
                if (element is null) throw new InvalidRequestException("Invalid null value for list index");
                if (QueryOptions.IsUnset(element)) return;
                var cells = CurrentList(column, clustering, write, ctx);
                int index = (int)CqlType.Int.Compose(element)!;
                if (cells.Count == 0) throw new InvalidRequestException("Attempted to delete an element from a list which is null");
                if (index < 0 || index >= cells.Count)
                    throw new InvalidRequestException($"List index {index} out of bound, list has size {cells.Count}");
                write.Cells.Add(Cell.Tombstone(column.Name, ctx.Timestamp, ctx.Now, cells[index].Path));
                return;
            }
            case SetType:
                if (element is null) throw new InvalidRequestException("Invalid null set element");
                if (QueryOptions.IsUnset(element)) throw new InvalidRequestException("Invalid unset set element");
                break;
            default:
                if (element is null) throw new InvalidRequestException("Invalid null map key");
                if (QueryOptions.IsUnset(element)) throw new InvalidRequestException("Invalid unset map key");
                break;
        }
        write.Cells.Add(Cell.Tombstone(column.Name, ctx.Timestamp, ctx.Now, element));
    }

    /// <summary>An element cell with the statement's TTL; a tombstone for a null value.</summary>
    private static Cell ElementCell(ColumnMetadata column, byte[] path, byte[]? value, in WriteContext ctx) =>
        value is null ? Cell.Tombstone(column.Name, ctx.Timestamp, ctx.Now, path)
        : ctx.Ttl > 0 ? Cell.Expiring(column.Name, value, ctx.Timestamp, ctx.Ttl, ctx.Now, path)
        : Cell.Live(column.Name, value, ctx.Timestamp, path);

    /// <summary>Cassandra's cell path of a UDT field: its position as a big-endian short.</summary>
    public static byte[] FieldPath(int field) => [(byte)(field >> 8), (byte)field];

    /// <summary>
    /// The list an index or removal operation sees: the row read before writing with this statement's earlier
    /// operations applied, so that <c>DELETE l[2], l[2]</c> removes two elements (Cassandra 4.0).
    /// </summary>
    private List<Cell> CurrentList(ColumnMetadata column, byte[][] clustering, RowWrite write, in WriteContext ctx)
    {
        var existing = Existing(column, clustering, ctx);
        var pendingCells = write.Cells.FindAll(c => c.Column == column.Name);
        var pendingDeletions = write.ComplexDeletions.FindAll(d => d.Column == column.Name);
        if (pendingCells.Count == 0 && pendingDeletions.Count == 0) return ComplexValues.LiveListCells(existing, column, ctx.Now);
        var pending = Row.Create(existing?.Clustering ?? Clustering.Empty, LivenessInfo.Empty, DeletionTime.Live, pendingCells, pendingDeletions);
        return ComplexValues.LiveListCells(existing is null ? pending : Row.Merge(existing, pending), column, ctx.Now);
    }

    /// <summary>The current row (or static row) a read-before-write operation works on.</summary>
    private Row? Existing(ColumnMetadata column, byte[][] clustering, in WriteContext ctx)
    {
        if (ctx.Prefetched is null)
            throw new InvalidOperationException("list operations by index or removal need the rows read first (PrefetchAsync)");
        foreach (var partition in ctx.Prefetched)
        {
            if (!partition.Key.Key.AsSpan().SequenceEqual(ctx.Key.Key)) continue;
            if (column.IsStatic) return partition.StaticRow;
            foreach (var row in partition.Rows)
                if (row.Clustering.Size == clustering.Length && Table.Comparator.ComparePrefixes(row.Clustering.Values, clustering) == 0)
                    return row;
        }
        return null;
    }
}
