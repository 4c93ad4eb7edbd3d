using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Functions;

/// <summary>
/// Function calls, casts and arithmetic used as values in statements (Cassandra's FunctionCall.Raw.prepare):
/// the function is resolved from the registry by its arguments, then its result is checked against the receiver.
/// Calls whose arguments are all constants are evaluated once, at preparation, unless the function is impure.
/// </summary>
public static class NativeFunctions
{
    public static Term Prepare(RawFunctionCall call, ColumnSpecification receiver, BindVariables bindings)
    {
        string lower = call.Name.Name.ToLowerInvariant();
        if (lower == "tojson" && call.Name.Keyspace is null or "system")
            throw new InvalidRequestException("toJson() may only be used within the selection clause of SELECT statements");
        if (lower == "token" && call.Name.Keyspace is null or "system")
            return PrepareToken(call, receiver, bindings);
        if (lower is "count" or "min" or "max" or "sum" or "avg" && call.Name.Keyspace is null or "system")
            throw new InvalidRequestException("Aggregation functions are not supported in the where clause");
        var args = call.Arguments.Select(a => Argument(a)).ToList();
        var function = FunctionResolver.Resolve(call.Name, args, receiver.Type);
        return Call(function, call.Arguments, receiver, bindings, $"{call.Name.ToCql()}");
    }

    /// <summary>token(v1, ...) as a value: the arguments are partition key values of the statement's table.</summary>
    private static Term PrepareToken(RawFunctionCall call, ColumnSpecification receiver, BindVariables bindings)
    {
        var table = bindings.Table
            ?? throw new InvalidRequestException("token() is only allowed in the WHERE clause of SELECT statements and in the selection clause");
        var keys = table.PartitionKeyColumns;
        var function = new NativeFunction("token", [.. keys.Select(k => k.Type)], CqlType.BigInt, (values, _) =>
        {
            foreach (var v in values)
                if (v is null || v.Length == 0) return null;
            return CqlType.BigInt.Decompose(Sibyl.Data.Model.PartitionKeys.Decorate([.. values.Select(v => v!)]).Token.Value);
        });
        FunctionResolver.Validate(function, [.. call.Arguments.Select(Argument)]);
        return Call(function, call.Arguments, receiver, bindings, call.ToCql());
    }

    public static Term PrepareArithmetic(RawArithmetic raw, ColumnSpecification receiver, BindVariables bindings)
    {
        var name = new FunctionName("system", Arithmetic.FunctionName(raw.Operator));
        RawTerm[] operands = [raw.Left, raw.Right];
        var args = operands.Select(Argument).ToList();
        bool hasMarker = raw.Left is RawBindMarker || raw.Right is RawBindMarker;
        NativeFunction function;
        try
        {
            // Untyped literals take the receiver's type (1 + 2 into a bigint); a bare marker leaves the operand types open.
            function = (hasMarker ? null : PreferReceiverType(name.Name, args, receiver.Type)) ?? FunctionResolver.Resolve(name, args, receiver.Type);
        }
        catch (InvalidRequestException e) when (e.Message.StartsWith("Ambiguous call", StringComparison.Ordinal))
        {
            throw new InvalidRequestException($"Ambiguous '{raw.Operator}' operation with args {raw.Left.ToCql()} and {raw.Right.ToCql()}: use type hint to disambiguate, example '(int) ?'");
        }
        return Call(function, operands, receiver, bindings, raw.ToCql());
    }

    public static Term PrepareNegation(RawNegation raw, ColumnSpecification receiver, BindVariables bindings)
    {
        var args = new List<FunctionArgument> { Argument(raw.Operand) };
        var function = PreferReceiverType("_negate", args, receiver.Type) ?? FunctionResolver.Resolve(new FunctionName("system", "_negate"), args, receiver.Type);
        return Call(function, [raw.Operand], receiver, bindings, raw.ToCql());
    }

    public static Term PrepareCast(RawCast raw, ColumnSpecification receiver, BindVariables bindings)
    {
        var target = TypeResolver.Resolve(raw.Type, null);
        var arg = Argument(raw.Term);
        if (arg.Type is not null && arg.Type.Equals(target))
            return TermPreparer.Prepare(raw.Term, receiver with { Type = target }, bindings);
        NativeFunction function;
        try
        {
            function = FunctionResolver.Resolve(new FunctionName("system", CastFunctions.FunctionName(target)), [arg], target);
        }
        catch (InvalidRequestException e) when (!e.Message.StartsWith("Ambiguous call", StringComparison.Ordinal))
        {
            throw new InvalidRequestException($"{raw.Term.ToCql()} cannot be cast to {target.CqlName}");
        }
        return Call(function, [raw.Term], receiver, bindings, raw.ToCql());
    }

    /// <summary>Operators on untyped literals take the receiver's type when it has such an overload (1 + 2 into a bigint).</summary>
    private static NativeFunction? PreferReceiverType(string name, List<FunctionArgument> args, CqlType receiverType)
    {
        foreach (var candidate in FunctionRegistry.Native.Overloads(name))
        {
            if (!candidate.ReturnType.Equals(receiverType) || candidate.ArgumentTypes.Count != args.Count) continue;
            if (candidate.ArgumentTypes.Any(t => !t.Equals(receiverType))) continue;
            if (args.All(a => a.Type is null && a.Test(receiverType) != Assignment.NotAssignable)) return candidate;
        }
        return null;
    }

    private static Term Call(NativeFunction function, IReadOnlyList<RawTerm> rawArgs, ColumnSpecification receiver, BindVariables bindings, string display)
    {
        if (FunctionArgument.TestType(receiver.Type, function.ReturnType) == Assignment.NotAssignable
            && !(receiver.Type.Kind == CqlTypeKind.Counter && function.ReturnType.Kind == CqlTypeKind.BigInt))
            throw new InvalidRequestException($"Type error: cannot assign result of function system.{function.Name} (type {function.ReturnType.CqlName}) to {receiver.Name} (type {receiver.Type.CqlName})");
        var terms = new List<Term>(rawArgs.Count);
        for (int i = 0; i < rawArgs.Count; i++)
        {
            var spec = receiver with { Name = $"arg{i}(system.{function.Name})", Type = function.ArgumentTypes[i] };
            terms.Add(TermPreparer.Prepare(rawArgs[i], spec, bindings));
        }
        if (function.IsPure && terms.All(t => t.IsConstant))
        {
            var values = terms.Select(t => ((ConstantTerm)t).Value).ToArray();
            return new ConstantTerm(Execute(function, values, default, display));
        }
        return new ComputedTerm(terms, (values, state) =>
        {
            foreach (var v in values)
                if (QueryOptions.IsUnset(v)) throw new InvalidRequestException($"Invalid unset value for argument in call to function {function.Name}");
            return Execute(function, values, new FunctionContext(state.TimestampMicros), display);
        });
    }

    private static byte[]? Execute(NativeFunction function, byte[]?[] values, FunctionContext context, string display)
    {
        try
        {
            return function.Execute(values, context);
        }
        catch (MarshalException e)
        {
            throw new InvalidRequestException($"Invalid value in call to {display}: {e.Message}");
        }
    }

    /// <summary>How a parsed term fits each parameter type, for resolution (Cassandra's testAssignment).</summary>
    public static FunctionArgument Argument(RawTerm term)
    {
        string text = term.ToCql();
        switch (term)
        {
            case RawLiteral literal:
                return new FunctionArgument(text, null, p =>
                    !TermPreparer.IsAssignable(literal.Kind, p.Kind) && !(p.Kind is CqlTypeKind.Custom && p is not VectorType || p is TupleType and not UserType) ? Assignment.NotAssignable
                    : IsPreferred(literal, p) ? Assignment.ExactMatch : Assignment.WeaklyAssignable);
            case RawNegation { Operand: RawLiteral { Kind: LiteralKind.Integer or LiteralKind.Float } lit }:
                return Argument(lit with { Text = "-" + lit.Text });
            case RawTypeHint hint:
                return FunctionArgument.Typed(text, TypeResolver.Resolve(hint.Type, null));
            case RawCast cast:
                return FunctionArgument.Typed(text, TypeResolver.Resolve(cast.Type, null));
            case RawFunctionCall call:
                try
                {
                    var fn = FunctionResolver.Resolve(call.Name, [.. call.Arguments.Select(Argument)], null);
                    return FunctionArgument.Typed(text, fn.ReturnType);
                }
                catch (InvalidRequestException)
                {
                    return new FunctionArgument(text, null, _ => Assignment.WeaklyAssignable);
                }
            case RawListLiteral list:
            {
                var elements = list.Elements.Select(Argument).ToList();
                return new FunctionArgument(text, null, p =>
                {
                    CqlType? element = p switch
                    {
                        ListType l => l.Element,
                        SetType s => s.Element,
                        VectorType v when v.Dimension == elements.Count => v.Element,
                        _ => null,
                    };
                    if (element is null || elements.Any(e => e.Test(element) == Assignment.NotAssignable)) return Assignment.NotAssignable;
                    return Assignment.WeaklyAssignable;
                }) { ListLiteralSize = elements.Count };
            }
            case RawSetLiteral s:
            {
                var elements = s.Elements.Select(Argument).ToList();
                return Shaped(text, p => p is SetType set && elements.All(e => e.Test(set.Element) != Assignment.NotAssignable) || (s.Elements.Count == 0 && p is MapType));
            }
            case RawMapLiteral m:
            {
                var entries = m.Entries.Select(e => (Key: Argument(e.Key), Value: Argument(e.Value))).ToList();
                return Shaped(text, p => p is MapType map
                    && entries.All(e => e.Key.Test(map.Key) != Assignment.NotAssignable && e.Value.Test(map.Value) != Assignment.NotAssignable));
            }
            case RawUserTypeLiteral:
                return Shaped(text, p => p is UserType);
            case RawTupleLiteral t:
            {
                var elements = t.Elements.Select(Argument).ToList();
                return Shaped(text, p => p is TupleType tuple and not UserType && elements.Count <= tuple.Types.Count
                    && elements.Select((e, i) => e.Test(tuple.Types[i])).All(a => a != Assignment.NotAssignable));
            }
            case RawArithmetic or RawNegation:
                return Shaped(text, p => Arithmetic.IsNumber(p) || p.Kind is CqlTypeKind.Timestamp or CqlTypeKind.Date);
            default:
                return new FunctionArgument(text, null, _ => Assignment.WeaklyAssignable);
        }
    }

    private static FunctionArgument Shaped(string text, Func<CqlType, bool> fits) =>
        new(text, null, p => fits(p) ? Assignment.WeaklyAssignable : Assignment.NotAssignable);

    private static bool IsPreferred(RawLiteral literal, CqlType type) => literal.Kind switch
    {
        LiteralKind.String => type.Kind == CqlTypeKind.Varchar,
        LiteralKind.Integer => type.Kind == PreferredInteger(literal.Text),
        LiteralKind.Float => type.Kind == CqlTypeKind.Double,
        LiteralKind.Boolean => type.Kind == CqlTypeKind.Boolean,
        LiteralKind.Uuid => type.Kind == CqlTypeKind.Uuid,
        LiteralKind.Hex => type.Kind == CqlTypeKind.Blob,
        LiteralKind.Duration => type.Kind == CqlTypeKind.Duration,
        _ => false,
    };

    private static CqlTypeKind PreferredInteger(string text)
    {
        if (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _)) return CqlTypeKind.Int;
        if (long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _)) return CqlTypeKind.BigInt;
        return CqlTypeKind.Varint;
    }
}
