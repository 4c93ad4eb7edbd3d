using Sibyl.Common.Errors;
using Sibyl.Cql.Functions;
using Sibyl.Cql.Terms;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Model;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Selection;

/// <summary>Resolves the SELECT clause against a table into selectors, with Cassandra's validation and column names.</summary>
public static class SelectionBuilder
{
    public static List<(Selector Selector, string Name)> Build(TableMetadata table, RawSelectStatement raw, BindVariables? bindings = null)
    {
        var result = new List<(Selector, string)>();
        if (raw.IsWildcard)
        {
            foreach (var column in table.AllColumnsInSelectOrder)
                result.Add((new ColumnSelector(column), column.Name));
            return result;
        }
        bindings ??= new BindVariables(0);
        foreach (var selector in raw.Selectors)
        {
            var s = Prepare(table, selector.Selectable, bindings);
            result.Add((s, selector.Alias ?? s.Name));
        }
        return result;
    }

    private static ColumnMetadata Column(TableMetadata table, string name) =>
        table.GetColumn(name) ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(name)} in table {table.QualifiedName}");

    public static Selector Prepare(TableMetadata table, RawSelectable selectable, BindVariables? bindings = null)
    {
        bindings ??= new BindVariables(0);
        switch (selectable)
        {
            case ColumnSelectable c:
                return new ColumnSelector(Column(table, c.Column));
            case CountRowsSelectable:
                return new CountSelector("count", null);
            case WritetimeOrTtlSelectable wt:
            {
                string fn = wt.Kind == WritetimeOrTtlKind.Ttl ? "ttl" : "writeTime"; // Cassandra's spelling in these messages
                if (wt.Kind == WritetimeOrTtlKind.MaxWritetime)
                    throw new InvalidRequestException("maxwritetime is not supported yet");
                var column = WritetimeTarget(table, wt.Column, fn);
                if (column.IsPrimaryKey)
                    throw new InvalidRequestException($"Cannot use selection function {fn} on PRIMARY KEY part {column.Name}");
                if (column.Type.IsMultiCell && wt.Column is ColumnSelectable)
                    throw new InvalidRequestException($"Cannot use selection function {fn} on non-frozen {(column.Type is UserType ? "UDT" : "collection")} {column.Name}");
                if (column.Type.IsCollection && column.Type.IsMultiCell)
                    throw new InvalidRequestException($"{wt.ToCql()} is not supported yet");
                // A field of a non-frozen UDT is its own cell.
                byte[]? path = column.Type is UserType { IsMultiCell: true } udt && wt.Column is FieldSelectable field
                    ? Statements.ModificationStatement.FieldPath(udt.FieldIndex(field.Field)) : null;
                return new WritetimeOrTtlSelector(column, wt.Kind == WritetimeOrTtlKind.Ttl, wt.Column is ColumnSelectable ? null : wt.ToCql(), path);
            }
            case FunctionSelectable f:
                return PrepareFunction(table, f, bindings);
            case TermSelectable { Term: RawLiteral lit }:
                throw new InvalidRequestException($"Cannot infer type for term {lit.ToCql()} in selection clause (try using a cast to force a type)");
            case TypeHintSelectable { Selectable: TermSelectable term } hint:
            {
                var type = TypeResolver.Resolve(hint.Type, null);
                return Constant(table, term.Term, type, term.ToCql(), bindings);
            }
            case TypeHintSelectable hint:
            {
                // A hint on an expression keeps its value and names the column "(type)expr".
                var inner = Prepare(table, hint.Selectable, bindings);
                var type = TypeResolver.Resolve(hint.Type, null);
                if (FunctionArgument.TestType(type, inner.Type) == Assignment.NotAssignable)
                    throw new InvalidRequestException($"Cannot cast value {inner.Name} to type {type.CqlName}");
                string innerName = hint.Selectable is TupleOrNestedSelectable { Elements.Count: 1 } ? "(" + inner.Name + ")" : inner.Name;
                return new FunctionSelector($"({hint.Type.ToCql()}){innerName}", type, [inner], values => values[0]);
            }
            case TupleOrNestedSelectable { Elements.Count: 1 } nested:
                return Prepare(table, nested.Elements[0], bindings);
            case FieldSelectable field:
            {
                var receiver = Prepare(table, field.Receiver, bindings);
                if (receiver.Type is not UserType udt)
                    throw new InvalidRequestException($"Invalid field selection: {receiver.Name} of type {receiver.Type.CqlName} is not a user type");
                int index = udt.FieldIndex(field.Field);
                if (index < 0)
                    throw new InvalidRequestException($"{receiver.Name} of type {receiver.Type.CqlName} has no field {field.Field}");
                return new FunctionSelector(receiver.Name + "." + Syntax.CqlNames.MaybeQuote(field.Field), udt.FieldTypes[index], [receiver], values =>
                {
                    if (values[0] is not { Length: > 0 } v) return null;
                    var parts = TupleType.SplitValue(v);
                    return index < parts.Count ? parts[index] : null;
                });
            }
            case CastSelectable cast:
            {
                var argument = Prepare(table, cast.Argument, bindings);
                var target = TypeResolver.Resolve(cast.Type, null);
                if (argument.Type.Equals(target)) return argument;
                NativeFunction function;
                try
                {
                    function = FunctionResolver.Resolve(new FunctionName("system", CastFunctions.FunctionName(target)), [FunctionArgument.Typed(argument.Name, argument.Type)], target);
                }
                catch (InvalidRequestException)
                {
                    throw new InvalidRequestException($"{argument.Name} cannot be cast to {target.CqlName}");
                }
                return Call(function, [argument]);
            }
            case ArithmeticSelectable arithmetic:
                return PrepareCall(table, new FunctionName("system", Arithmetic.FunctionName(arithmetic.Operator)), [arithmetic.Left, arithmetic.Right], bindings);
            case NegationSelectable { Operand: TermSelectable { Term: RawLiteral { Kind: LiteralKind.Integer or LiteralKind.Float } lit } }:
                throw new InvalidRequestException($"Cannot infer type for term -{lit.ToCql()} in selection clause (try using a cast to force a type)");
            case NegationSelectable negation:
                return PrepareCall(table, new FunctionName("system", "_negate"), [negation.Operand], bindings);
            case ElementSelectable element:
                return ElementSelection.Prepare(table, element, Prepare(table, element.Receiver, bindings), bindings);
            case SliceSelectable slice:
                return ElementSelection.Prepare(table, slice, Prepare(table, slice.Receiver, bindings), bindings);
            default:
                throw new InvalidRequestException($"Selecting {selectable.ToCql()} is not supported yet");
        }
    }

    /// <summary>The column under writetime()/ttl(): itself, or the column of a field or element selection, checked like Cassandra.</summary>
    private static ColumnMetadata WritetimeTarget(TableMetadata table, RawSelectable selectable, string fn)
    {
        switch (selectable)
        {
            case ColumnSelectable c:
                return Column(table, c.Column);
            case FieldSelectable { Receiver: ColumnSelectable c } field:
            {
                var column = Column(table, c.Column);
                if (column.Type is not UserType udt)
                    throw new InvalidRequestException($"Invalid field selection: {column.Name} of type {column.Type.CqlName} is not a user type");
                if (udt.FieldIndex(field.Field) < 0)
                    throw new InvalidRequestException($"{column.Name} of type {column.Type.CqlName} has no field {field.Field}");
                return column;
            }
            case ElementSelectable { Receiver: ColumnSelectable } or SliceSelectable { Receiver: ColumnSelectable }:
            {
                var receiver = selectable is ElementSelectable e ? (ColumnSelectable)e.Receiver : (ColumnSelectable)((SliceSelectable)selectable).Receiver;
                var column = Column(table, receiver.Column);
                if (!column.Type.IsCollection)
                    throw new InvalidRequestException($"Invalid element selection: {column.Name} is of type {column.Type.CqlName} is not a collection");
                return column;
            }
            default:
                throw new InvalidRequestException($"Invalid argument to {fn}: {selectable.ToCql()} is not a column");
        }
    }

    private static Selector Constant(TableMetadata table, RawTerm term, CqlType type, string name, BindVariables bindings, string? receiverName = null)
    {
        var spec = new ColumnSpecification(table.Keyspace, table.Name, receiverName ?? name, type);
        var prepared = TermPreparer.Prepare(term, spec, bindings);
        return prepared is ConstantTerm constant ? new ConstantSelector(name, type, constant.Value) : new TermSelector(name, type, prepared);
    }

    /// <summary>A selectable made only of literals and bind markers, as the term it spells ([1.0, 2.0], {a: 1}, (int) ?), or null.</summary>
    private static RawTerm? AsTerm(RawSelectable selectable)
    {
        switch (selectable)
        {
            case TermSelectable t:
                return t.Term;
            case ListSelectable l:
                return All(l.Elements) is { } list ? new RawListLiteral(ValueList.From(list)) : null;
            case SetSelectable set:
                return All(set.Elements) is { } elements ? new RawSetLiteral(ValueList.From(elements)) : null;
            case TupleOrNestedSelectable { Elements.Count: 1 } nested:
                return AsTerm(nested.Elements[0]);
            case TupleOrNestedSelectable tuple:
                return All(tuple.Elements) is { } items ? new RawTupleLiteral(ValueList.From(items)) : null;
            case TypeHintSelectable hint:
                return AsTerm(hint.Selectable) is { } hinted ? new RawTypeHint(hint.Type, hinted) : null;
            case NegationSelectable { Operand: TermSelectable { Term: RawLiteral lit } }:
                return new RawNegation(lit);
            case MapOrUdtSelectable map when map.Entries.All(e => e.Key is ColumnSelectable && AsTerm(e.Value) is not null):
                return new RawUserTypeLiteral(ValueList.From(map.Entries.Select(e => new RawFieldValue(((ColumnSelectable)e.Key).Column, AsTerm(e.Value)!)).ToList()));
            case MapOrUdtSelectable map when map.Entries.All(e => AsTerm(e.Key) is not null && AsTerm(e.Value) is not null):
                return new RawMapLiteral(ValueList.From(map.Entries.Select(e => new RawMapEntry(AsTerm(e.Key)!, AsTerm(e.Value)!)).ToList()));
            default:
                return null;
        }

        static List<RawTerm>? All(IEnumerable<RawSelectable> elements)
        {
            var result = new List<RawTerm>();
            foreach (var e in elements)
            {
                if (AsTerm(e) is not { } term) return null;
                result.Add(term);
            }
            return result;
        }
    }

    /// <summary>A call of a registry function over selectors; literal arguments take the type of the parameter.</summary>
    private static Selector PrepareCall(TableMetadata table, FunctionName name, IReadOnlyList<RawSelectable> rawArgs, BindVariables bindings)
    {
        var args = new List<FunctionArgument>();
        var prepared = new Selector?[rawArgs.Count];
        var terms = new RawTerm?[rawArgs.Count];
        for (int i = 0; i < rawArgs.Count; i++)
        {
            if (AsTerm(rawArgs[i]) is { } term)
            {
                terms[i] = term;
                args.Add(NativeFunctions.Argument(term));
                continue;
            }
            prepared[i] = Prepare(table, rawArgs[i], bindings);
            args.Add(FunctionArgument.Typed(prepared[i]!.Name, prepared[i]!.Type));
        }
        var function = FunctionResolver.Resolve(name, args, null);
        if (function.ArgumentTypes.Count == rawArgs.Count)
        {
            for (int i = 0; i < rawArgs.Count; i++)
                prepared[i] ??= Constant(table, terms[i]!, function.ArgumentTypes[i], terms[i]!.ToCql(), bindings, $"arg{i}(system.{function.Name})");
        }
        // Parentheses the query wrote around an operand stay in the column name: "(c - b) / a".
        var names = prepared.Select((p, i) => rawArgs[i] is TupleOrNestedSelectable { Elements.Count: 1 } ? "(" + p!.Name + ")" : p!.Name).ToList();
        return Call(function, [.. prepared.Select(p => p!)], names);
    }

    private static FunctionSelector Call(NativeFunction function, IReadOnlyList<Selector> args, IReadOnlyList<string>? names = null)
    {
        string name = function.ColumnName(names ?? [.. args.Select(a => a.Name)]);
        return new FunctionSelector(name, function.ReturnType, args, values =>
        {
            try
            {
                return function.Execute(values, FunctionContext.Now());
            }
            catch (MarshalException e)
            {
                throw new InvalidRequestException($"Invalid value in call to {name}: {e.Message}");
            }
        });
    }

    private static Selector PrepareFunction(TableMetadata table, FunctionSelectable f, BindVariables bindings)
    {
        string name = f.Name.Name.ToLowerInvariant();
        if (f.Name.Keyspace is not null && f.Name.Keyspace != "system")
            throw new InvalidRequestException($"Unknown function {f.Name.ToCql()} called");
        if (name is not ("token" or "count" or "min" or "max" or "sum" or "avg") || f.Name.Keyspace is not null && f.Name.Keyspace != "system")
            return PrepareCall(table, f.Name, f.Arguments, bindings);
        // count(1) counts rows like count(*) (Cassandra rewrites it so; the column is "count").
        if (name == "count" && f.Arguments.Count == 1 && f.Arguments[0] is TermSelectable { Term: RawLiteral })
            return new CountSelector("count", null);
        var args = f.Arguments.Select(a => Prepare(table, a, bindings)).ToList();
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
            default:
                return PrepareCall(table, f.Name, f.Arguments, bindings);
        }
    }

    private static bool IsNumeric(CqlType type) => type.Kind is CqlTypeKind.Int or CqlTypeKind.BigInt or CqlTypeKind.SmallInt
        or CqlTypeKind.TinyInt or CqlTypeKind.Varint or CqlTypeKind.Decimal or CqlTypeKind.Double or CqlTypeKind.Float or CqlTypeKind.Counter;
}
