using Sibyl.Common;
using Sibyl.Data.Model;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Selection;

/// <summary>The values of one result row as read: key columns, the row and the partition's static row.</summary>
public readonly record struct RowView(byte[][] PartitionKey, Row? Row, Row? StaticRow, int NowInSeconds, TableMetadata Table)
{
    /// <summary>The request's bound values, for bind markers in the selection clause.</summary>
    public QueryOptions? Options { get; init; }

    public QueryState? State { get; init; }

    /// <summary>The current value of a column in this row, or null.</summary>
    public byte[]? Value(ColumnMetadata column) => column.Kind switch
    {
        ColumnKind.PartitionKey => PartitionKey[column.Position],
        ColumnKind.Clustering => Row is null || Row.Clustering.Size <= column.Position ? null : Row.Clustering[column.Position],
        _ when column.Type.IsMultiCell => ComplexValues.Assemble(column.IsStatic ? StaticRow : Row, column, NowInSeconds, Table),
        ColumnKind.Static => CellValue(column, LiveCell(StaticRow, column)?.Value),
        _ => CellValue(column, LiveCell(Row, column)?.Value),
    };

    /// <summary>A counter cell holds a context; its CQL value is the context's total as a bigint.</summary>
    private static byte[]? CellValue(ColumnMetadata column, byte[]? value) =>
        column.Type.IsCounter && value is not null && CounterContext.IsContext(value)
            ? CqlType.BigInt.Decompose(CounterContext.Total(value))
            : value;

    public Cell? LiveCell(ColumnMetadata column) => LiveCell(column.IsStatic ? StaticRow : Row, column);

    /// <summary>The live element cell at <paramref name="path"/> of a non-frozen collection or UDT column, or null.</summary>
    public Cell? LiveElementCell(ColumnMetadata column, byte[] path)
    {
        var row = column.IsStatic ? StaticRow : Row;
        if (row is null) return null;
        foreach (var cell in ComplexValues.LiveCells(row, column, NowInSeconds, Table))
            if (cell.Path.AsSpan().SequenceEqual(path)) return cell;
        return null;
    }

    private Cell? LiveCell(Row? row, ColumnMetadata column)
    {
        var cell = row?.GetCell(column.Name);
        if (cell is null || !cell.IsLive(NowInSeconds) || cell.IsTombstone) return null;
        // Data written before a column of this name was dropped never reappears (Cassandra's dropped_columns).
        if (Table.DroppedColumns.TryGetValue(column.Name, out var dropped) && cell.Timestamp <= dropped.DroppedTime) return null;
        return cell;
    }
}

/// <summary>One expression of a SELECT clause, evaluated per row (or folded over rows for aggregates).</summary>
public abstract class Selector
{
    protected Selector(string name, CqlType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The result column name (Cassandra's: "v", "writetime(v)", "count", "system.token(k)").</summary>
    public string Name { get; }

    public CqlType Type { get; }

    public virtual bool IsAggregate => false;

    /// <summary>The value for one row (non-aggregates).</summary>
    public abstract byte[]? Value(in RowView row);

    /// <summary>Aggregates: a fresh accumulator state.</summary>
    public virtual IAggregateState NewState() => throw new InvalidOperationException("not an aggregate");
}

public interface IAggregateState
{
    void Add(in RowView row);

    byte[]? Result();
}

public sealed class ColumnSelector(ColumnMetadata column) : Selector(column.Name, column.Type)
{
    public ColumnMetadata Column { get; } = column;

    public override byte[]? Value(in RowView row) => row.Value(Column);
}

/// <summary>writetime(c) and ttl(c).</summary>
public sealed class WritetimeOrTtlSelector(ColumnMetadata column, bool isTtl, string? name = null, byte[]? path = null)
    : Selector(name ?? (isTtl ? "ttl(" : "writetime(") + column.Name + ")", isTtl ? CqlType.Int : CqlType.BigInt)
{
    public override byte[]? Value(in RowView row)
    {
        var cell = path is null ? row.LiveCell(column) : row.LiveElementCell(column, path);
        if (cell is null) return null;
        if (!isTtl) return CqlType.BigInt.Decompose(cell.Timestamp);
        if (!cell.IsExpiring) return null;
        return CqlType.Int.Decompose(Math.Max(0, cell.LocalDeletionTime - row.NowInSeconds));
    }
}

/// <summary>A value in the SELECT clause that depends on the bound values (a bind marker, or a literal holding one).</summary>
public sealed class TermSelector(string name, CqlType type, Terms.Term term) : Selector(name, type)
{
    public override byte[]? Value(in RowView row)
    {
        var value = term.Bind(row.Options ?? QueryOptions.Default, row.State ?? new QueryState(null, 0, row.NowInSeconds));
        return QueryOptions.IsUnset(value) ? null : value;
    }
}

/// <summary>A constant in the SELECT clause.</summary>
public sealed class ConstantSelector(string name, CqlType type, byte[]? value) : Selector(name, type)
{
    public override byte[]? Value(in RowView row) => value;
}

/// <summary>A scalar function over other selectors (token(), toTimestamp(), ...).</summary>
public sealed class FunctionSelector(string name, CqlType type, IReadOnlyList<Selector> arguments, Func<byte[]?[], byte[]?> function)
    : Selector(name, type)
{
    private readonly IReadOnlyList<Selector> _arguments = arguments;
    private readonly Func<byte[]?[], byte[]?> _function = function;

    public override bool IsAggregate => _arguments.Any(a => a.IsAggregate);

    public override byte[]? Value(in RowView row)
    {
        var values = new byte[]?[_arguments.Count];
        for (int i = 0; i < values.Length; i++) values[i] = _arguments[i].Value(row);
        return _function(values);
    }

    /// <summary>A function over aggregates (todate(min(b))): arguments fold over the rows, the function runs on their results.</summary>
    public override IAggregateState NewState() => new State(this);

    private sealed class State(FunctionSelector selector) : IAggregateState
    {
        private readonly IAggregateState?[] _states = [.. selector._arguments.Select(a => a.IsAggregate ? a.NewState() : null)];
        private byte[]?[]? _first;

        public void Add(in RowView row)
        {
            for (int i = 0; i < _states.Length; i++) _states[i]?.Add(row);
            if (_first is null)
            {
                _first = new byte[]?[_states.Length];
                for (int i = 0; i < _first.Length; i++)
                    if (_states[i] is null) _first[i] = selector._arguments[i].Value(row);
            }
        }

        public byte[]? Result()
        {
            var values = new byte[]?[_states.Length];
            for (int i = 0; i < values.Length; i++)
                values[i] = _states[i] is { } s ? s.Result() : _first?[i];
            return selector._function(values);
        }
    }
}

/// <summary>count(*) / count(1) and count(column): rows, or rows where the column is not null.</summary>
public sealed class CountSelector(string name, ColumnMetadata? column) : Selector(name, CqlType.BigInt)
{
    public override bool IsAggregate => true;

    public override byte[]? Value(in RowView row) => throw new InvalidOperationException("aggregate");

    public override IAggregateState NewState() => new State(column);

    private sealed class State(ColumnMetadata? column) : IAggregateState
    {
        private long _count;

        public void Add(in RowView row)
        {
            if (column is null || row.Value(column) is not null) _count++;
        }

        public byte[]? Result() => CqlType.BigInt.Decompose(_count);
    }
}

/// <summary>min(c), max(c), sum(c), avg(c) over a column (Cassandra's native aggregates).</summary>
public sealed class NumericAggregateSelector(string name, string function, Selector argument) : Selector(name, argument.Type)
{
    public override bool IsAggregate => true;

    public override byte[]? Value(in RowView row) => throw new InvalidOperationException("aggregate");

    public override IAggregateState NewState() => new State(function, argument);

    private sealed class State(string function, Selector argument) : IAggregateState
    {
        private byte[]? _best;
        private decimal _sum;
        private double _doubleSum;
        private long _count;

        public void Add(in RowView row)
        {
            var v = argument.Value(row);
            if (v is null || v.Length == 0) return;
            _count++;
            switch (function)
            {
                case "min":
                    if (_best is null || argument.Type.Compare(v, _best) < 0) _best = v;
                    break;
                case "max":
                    if (_best is null || argument.Type.Compare(v, _best) > 0) _best = v;
                    break;
                default:
                    var value = argument.Type.Compose(v);
                    if (value is double or float) _doubleSum += Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                    else if (value is System.Numerics.BigInteger big) _sum += (decimal)big;
                    else if (value is CqlDecimal d) _sum += ToDecimal(d);
                    else _sum += Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        /// <summary>A CQL decimal as a .NET decimal; values beyond its range are refused rather than computed for ages.</summary>
        private static decimal ToDecimal(CqlDecimal d)
        {
            if (d.Scale is < -28 or > 28 || System.Numerics.BigInteger.Abs(d.Unscaled) > new System.Numerics.BigInteger(decimal.MaxValue))
                throw new Common.Errors.InvalidRequestException("decimal value out of the range supported by sum()/avg()");
            var scaled = (decimal)d.Unscaled;
            return d.Scale >= 0 ? scaled / Pow10(d.Scale) : scaled * Pow10(-d.Scale);
        }

        private static decimal Pow10(int n)
        {
            decimal result = 1;
            for (int i = 0; i < n; i++) result *= 10;
            return result;
        }

        public byte[]? Result()
        {
            if (function is "min" or "max") return _best;
            var type = argument.Type;
            bool isFloating = type.Kind is CqlTypeKind.Double or CqlTypeKind.Float;
            if (function == "avg" && _count > 0)
            {
                if (isFloating) return FromNumber(type, _doubleSum / _count);
                return type.Kind == CqlTypeKind.Decimal ? FromNumber(type, _sum / _count) : FromNumber(type, decimal.Truncate(_sum / _count));
            }
            if (function == "avg") return FromNumber(type, 0m);
            return isFloating ? FromNumber(type, _doubleSum) : FromNumber(type, _sum);
        }

        private static byte[] FromNumber(CqlType type, object number) => type.Kind switch
        {
            CqlTypeKind.Int => type.Decompose(unchecked((int)Convert.ToInt64(number, System.Globalization.CultureInfo.InvariantCulture))),
            CqlTypeKind.BigInt or CqlTypeKind.Counter => type.Decompose(Convert.ToInt64(number, System.Globalization.CultureInfo.InvariantCulture)),
            CqlTypeKind.SmallInt => type.Decompose(unchecked((short)Convert.ToInt64(number, System.Globalization.CultureInfo.InvariantCulture))),
            CqlTypeKind.TinyInt => type.Decompose(unchecked((sbyte)Convert.ToInt64(number, System.Globalization.CultureInfo.InvariantCulture))),
            CqlTypeKind.Double => type.Decompose(Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture)),
            CqlTypeKind.Float => type.Decompose(Convert.ToSingle(number, System.Globalization.CultureInfo.InvariantCulture)),
            CqlTypeKind.Varint => type.Decompose(new System.Numerics.BigInteger(Convert.ToDecimal(number, System.Globalization.CultureInfo.InvariantCulture))),
            _ => type.FromString(Convert.ToString(number, System.Globalization.CultureInfo.InvariantCulture)!),
        };
    }
}
