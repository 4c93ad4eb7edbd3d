using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Model;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Selection;

/// <summary>Resolves the SELECT clause against a table into selectors, with Cassandra's validation and column names.</summary>
public static class SelectionBuilder
{
    public static List<(Selector Selector, string Name)> Build(TableMetadata table, RawSelectStatement raw)
    {
        var result = new List<(Selector, string)>();
        if (raw.IsWildcard)
        {
            foreach (var column in table.AllColumnsInSelectOrder)
                result.Add((new ColumnSelector(column), column.Name));
            return result;
        }
        foreach (var selector in raw.Selectors)
        {
            var s = Prepare(table, selector.Selectable);
            result.Add((s, selector.Alias ?? s.Name));
        }
        return result;
    }

    private static ColumnMetadata Column(TableMetadata table, string name) =>
        table.GetColumn(name) ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(name)} in table {table.QualifiedName}");

    public static Selector Prepare(TableMetadata table, RawSelectable selectable)
    {
        switch (selectable)
        {
            case ColumnSelectable c:
                return new ColumnSelector(Column(table, c.Column));
            case CountRowsSelectable:
                return new CountSelector("count", null);
            case WritetimeOrTtlSelectable wt:
            {
                if (wt.Column is not ColumnSelectable cs)
                    throw new InvalidRequestException($"{wt.ToCql()} is not supported yet");
                var column = Column(table, cs.Column);
                string fn = wt.Kind == WritetimeOrTtlKind.Ttl ? "ttl" : "writeTime";
                if (wt.Kind == WritetimeOrTtlKind.MaxWritetime)
                    throw new InvalidRequestException("maxwritetime is not supported yet");
                if (column.IsPrimaryKey)
                    throw new InvalidRequestException($"Cannot use selection function {fn} on PRIMARY KEY part {column.Name}");
                if (column.Type.IsMultiCell)
                    throw new InvalidRequestException($"Cannot use selection function {fn} on non-frozen {(column.Type is UserType ? "UDT" : "collection")} {column.Name}");
                return new WritetimeOrTtlSelector(column, wt.Kind == WritetimeOrTtlKind.Ttl);
            }
            case FunctionSelectable f:
                return PrepareFunction(table, f);
            case TermSelectable { Term: RawLiteral lit }:
                throw new InvalidRequestException($"Cannot infer type for term {lit.ToCql()} in selection clause (try using a cast to force a type)");
            case TupleOrNestedSelectable { Elements.Count: 1 } nested:
                return Prepare(table, nested.Elements[0]);
            default:
                throw new InvalidRequestException($"Selecting {selectable.ToCql()} is not supported yet");
        }
    }

    private static Selector PrepareFunction(TableMetadata table, FunctionSelectable f)
    {
        string name = f.Name.Name.ToLowerInvariant();
        if (f.Name.Keyspace is not null && f.Name.Keyspace != "system")
            throw new InvalidRequestException($"Unknown function {f.Name.ToCql()} called");
        var args = f.Arguments.Select(a => Prepare(table, a)).ToList();
        string display = name + "(" + string.Join(", ", args.Select(a => a.Name)) + ")";
        switch (name)
        {
            case "token":
            {
                var pk = table.PartitionKeyColumns;
                if (args.Count != pk.Length)
                    throw new InvalidRequestException($"Invalid number of arguments in call to function system.token: {pk.Length} required but {args.Count} provided");
                for (int i = 0; i < args.Count; i++)
                    if (args[i] is not ColumnSelector cs || cs.Column.Name != pk[i].Name)
                        throw new InvalidRequestException($"Type error: {args[i].Name} cannot be passed as argument {i} of function system.token of type {pk[i].Type.CqlName}");
                return new FunctionSelector("system.token(" + string.Join(", ", args.Select(a => a.Name)) + ")", CqlType.BigInt, args,
                    values => CqlType.BigInt.Decompose(PartitionKeys.Decorate([.. values.Select(v => v ?? [])]).Token.Value));
            }
            case "count":
                if (args.Count != 1) throw new InvalidRequestException($"Invalid number of arguments in call to function system.count: 1 required but {args.Count} provided");
                return new CountSelector("system.count(" + args[0].Name + ")", args[0] is ColumnSelector col ? col.Column : null);
            case "min":
            case "max":
            case "sum":
            case "avg":
                if (args.Count != 1) throw new InvalidRequestException($"Invalid number of arguments in call to function system.{name}: 1 required but {args.Count} provided");
                if (name is "sum" or "avg" && !IsNumeric(args[0].Type))
                    throw new InvalidRequestException($"Invalid call to function {name}, none of its type signatures match (known type signatures: system.{name} : (tinyint) -> tinyint, system.{name} : (smallint) -> smallint, system.{name} : (int) -> int, system.{name} : (bigint) -> bigint, system.{name} : (float) -> float, system.{name} : (double) -> double, system.{name} : (decimal) -> decimal, system.{name} : (varint) -> varint, system.{name} : (counter) -> counter)");
                return new NumericAggregateSelector("system." + display, name, args[0]);
            case "totimestamp":
            case "tounixtimestamp":
            case "dateof":
            case "unixtimestampof":
            {
                if (args.Count != 1) throw new InvalidRequestException($"Invalid number of arguments in call to function system.{name}: 1 required but {args.Count} provided");
                var argType = args[0].Type.Kind;
                bool toUnix = name is "tounixtimestamp" or "unixtimestampof";
                CqlType returnType = toUnix ? CqlType.BigInt : CqlType.Timestamp;
                return new FunctionSelector("system." + display, returnType, args, values =>
                {
                    var v = values[0];
                    if (v is null || v.Length == 0) return null;
                    long millis = argType switch
                    {
                        CqlTypeKind.Timeuuid => Functions.TimeUuid.UnixMillis(v),
                        CqlTypeKind.Timestamp => System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(v),
                        CqlTypeKind.Date => ((long)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(v) - (1L << 31)) * 86_400_000L,
                        _ => throw new InvalidRequestException($"Type error: {args[0].Name} cannot be passed as argument 0 of function system.{name}"),
                    };
                    return returnType.Decompose(millis);
                });
            }
            default:
                throw new InvalidRequestException($"Unknown function {f.Name.ToCql()} called");
        }
    }

    private static bool IsNumeric(CqlType type) => type.Kind is CqlTypeKind.Int or CqlTypeKind.BigInt or CqlTypeKind.SmallInt
        or CqlTypeKind.TinyInt or CqlTypeKind.Varint or CqlTypeKind.Decimal or CqlTypeKind.Double or CqlTypeKind.Float or CqlTypeKind.Counter;
}
