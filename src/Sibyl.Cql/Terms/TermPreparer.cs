using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Terms;

/// <summary>
/// Turns a parsed term into a prepared <see cref="Term"/> for a receiver (a column or a function argument),
/// checking that the literal can be assigned to the receiver's type as Cassandra's Constants.Literal does.
/// </summary>
public static class TermPreparer
{
    public static Term Prepare(RawTerm raw, ColumnSpecification receiver, BindVariables bindings)
    {
        switch (raw)
        {
            case RawNull:
                // Cassandra's Constants.NULL_LITERAL is not assignable to a counter.
                if (receiver.Type.IsCounter) throw new InvalidRequestException("Invalid null value for counter increment/decrement");
                return ConstantTerm.Null;
            case RawBindMarker marker:
                bindings.Set(marker.Index, receiver, marker.Name);
                bindings.SetMarkerName(marker.Index, marker.Name);
                return new BindMarkerTerm(marker.Index, receiver);
            case RawLiteral literal:
                return new ConstantTerm(LiteralValue(literal, receiver));
            case RawNegation { Operand: RawLiteral { Kind: LiteralKind.Integer or LiteralKind.Float } lit }:
                return new ConstantTerm(LiteralValue(lit with { Text = "-" + lit.Text }, receiver));
            case RawNegation negation:
                return Sibyl.Cql.Functions.NativeFunctions.PrepareNegation(negation, receiver, bindings);
            case RawArithmetic arithmetic:
                return Sibyl.Cql.Functions.NativeFunctions.PrepareArithmetic(arithmetic, receiver, bindings);
            case RawCast cast:
                return Sibyl.Cql.Functions.NativeFunctions.PrepareCast(cast, receiver, bindings);
            case RawUserTypeLiteral udt:
                return PrepareUserType(udt, receiver, bindings);
            case RawTypeHint hint:
                return PrepareTypeHint(hint, receiver, bindings);
            case RawListLiteral list:
                return PrepareList(list, receiver, bindings);
            case RawSetLiteral set:
                return PrepareSet(set.Elements, receiver, bindings);
            case RawMapLiteral map:
                return PrepareMap(map, receiver, bindings);
            case RawTupleLiteral tuple:
                return PrepareTuple(tuple.Elements, receiver, bindings);
            case RawFunctionCall call:
                return Sibyl.Cql.Functions.NativeFunctions.Prepare(call, receiver, bindings);
            default:
                throw new InvalidRequestException($"{raw.ToCql()} is not supported as a value for {receiver.Name} yet");
        }
    }

    public static string KindName(LiteralKind kind) => kind switch
    {
        LiteralKind.String => "STRING",
        LiteralKind.Integer => "INTEGER",
        LiteralKind.Float => "FLOAT",
        LiteralKind.Boolean => "BOOLEAN",
        LiteralKind.Duration => "DURATION",
        LiteralKind.Uuid => "UUID",
        LiteralKind.Hex => "HEX",
        _ => "IDENTIFIER",
    };

    public static bool IsAssignable(LiteralKind kind, CqlTypeKind type) => kind switch
    {
        LiteralKind.String => type is CqlTypeKind.Ascii or CqlTypeKind.Varchar or CqlTypeKind.Inet or CqlTypeKind.Date
            or CqlTypeKind.Time or CqlTypeKind.Timestamp,
        LiteralKind.Integer => type is CqlTypeKind.BigInt or CqlTypeKind.Counter or CqlTypeKind.Date or CqlTypeKind.Decimal
            or CqlTypeKind.Double or CqlTypeKind.Duration or CqlTypeKind.Float or CqlTypeKind.Int or CqlTypeKind.SmallInt
            or CqlTypeKind.Time or CqlTypeKind.Timestamp or CqlTypeKind.TinyInt or CqlTypeKind.Varint,
        LiteralKind.Uuid => type is CqlTypeKind.Uuid or CqlTypeKind.Timeuuid,
        LiteralKind.Float => type is CqlTypeKind.Decimal or CqlTypeKind.Double or CqlTypeKind.Float,
        LiteralKind.Boolean => type is CqlTypeKind.Boolean,
        LiteralKind.Hex => type is CqlTypeKind.Blob,
        LiteralKind.Duration => type is CqlTypeKind.Duration,
        _ => false,
    };

    /// <summary>The serialized value of a constant for a receiver, or Cassandra's InvalidRequest.</summary>
    public static byte[] LiteralValue(RawLiteral literal, ColumnSpecification receiver)
    {
        var type = receiver.Type;
        // Types that are not native (tuples) accept any constant through fromString, as Cassandra's Constants.Literal.
        bool nonNative = type.Kind is CqlTypeKind.Custom || type.Kind == CqlTypeKind.Tuple && type is not UserType;
        if (type.IsCollection || !IsAssignable(literal.Kind, type.Kind) && !nonNative)
            throw new InvalidRequestException($"Invalid {KindName(literal.Kind)} constant ({literal.Text}) for \"{receiver.Name}\" of type {type.CqlName}");
        try
        {
            string text = literal.Kind == LiteralKind.Hex ? literal.Text[2..] : literal.Text;
            return literal.Kind == LiteralKind.Hex ? Convert.FromHexString(text) : type.FromString(text);
        }
        catch (MarshalException e)
        {
            throw new InvalidRequestException(e.Message);
        }
        catch (FormatException)
        {
            throw new InvalidRequestException($"Invalid {KindName(literal.Kind)} constant ({literal.Text}) for \"{receiver.Name}\" of type {type.CqlName}");
        }
    }

    private static Term PrepareList(RawListLiteral list, ColumnSpecification receiver, BindVariables bindings)
    {
        if (receiver.Type is not ListType listType)
        {
            if (receiver.Type is VectorType vector)
            {
                CheckElements(list.Elements, vector.Element, "vector", receiver);
                return Compose([.. list.Elements.Select(e => Prepare(e, Element(receiver, vector.Element), bindings))],
                    values => vector.BuildValue(NonNullElements(values, receiver)));
            }
            throw new InvalidRequestException($"Invalid list literal for {receiver.Name} of type {receiver.Type.CqlName}");
        }
        CheckElements(list.Elements, listType.Element, "list", receiver);
        var elements = list.Elements.Select(e => Prepare(e, Element(receiver, listType.Element), bindings)).ToList();
        return Compose(elements, values => CollectionSerializer.PackList(NonNullElements(values, receiver)));
    }

    private static Term PrepareSet(IReadOnlyList<RawTerm> elements, ColumnSpecification receiver, BindVariables bindings)
    {
        if (receiver.Type is MapType && elements.Count == 0)
            return Compose([], _ => CollectionSerializer.PackMap(((MapType)receiver.Type).Key, []));
        if (receiver.Type is not SetType setType)
            throw new InvalidRequestException($"Invalid set literal for {receiver.Name} of type {receiver.Type.CqlName}");
        CheckElements(elements, setType.Element, "set", receiver);
        var prepared = elements.Select(e => Prepare(e, Element(receiver, setType.Element), bindings)).ToList();
        return Compose(prepared, values => CollectionSerializer.PackSet(setType.Element, NonNullElements(values, receiver)));
    }

    private static Term PrepareMap(RawMapLiteral map, ColumnSpecification receiver, BindVariables bindings)
    {
        if (receiver.Type is not MapType mapType)
            throw new InvalidRequestException($"Invalid map literal for {receiver.Name} of type {receiver.Type.CqlName}");
        var terms = new List<Term>();
        foreach (var entry in map.Entries)
        {
            if (Functions.NativeFunctions.Argument(entry.Key).Test(mapType.Key) == Functions.Assignment.NotAssignable)
                throw new InvalidRequestException($"Invalid map literal for {receiver.Name}: key {entry.Key.ToCql()} is not of type {mapType.Key.CqlName}");
            if (Functions.NativeFunctions.Argument(entry.Value).Test(mapType.Value) == Functions.Assignment.NotAssignable)
                throw new InvalidRequestException($"Invalid map literal for {receiver.Name}: value {entry.Value.ToCql()} is not of type {mapType.Value.CqlName}");
            terms.Add(Prepare(entry.Key, receiver with { Name = "key(" + receiver.Name + ")", Type = mapType.Key }, bindings));
            terms.Add(Prepare(entry.Value, receiver with { Name = "value(" + receiver.Name + ")", Type = mapType.Value }, bindings));
        }
        return Compose(terms, values =>
        {
            var pairs = new List<KeyValuePair<byte[], byte[]>>();
            var all = NonNullElements(values, receiver);
            for (int i = 0; i < all.Count; i += 2) pairs.Add(new(all[i], all[i + 1]));
            return CollectionSerializer.PackMap(mapType.Key, pairs);
        });
    }

    private static Term PrepareTuple(IReadOnlyList<RawTerm> elements, ColumnSpecification receiver, BindVariables bindings)
    {
        if (receiver.Type is not TupleType tupleType)
            throw new InvalidRequestException($"Invalid tuple literal for {receiver.Name} of type {receiver.Type.CqlName}");
        if (elements.Count > tupleType.Types.Count)
            throw new InvalidRequestException($"Invalid tuple literal for {receiver.Name}: too many elements. Type {tupleType.CqlName} expects {tupleType.Types.Count} but got {elements.Count}");
        for (int i = 0; i < elements.Count; i++)
            if (Functions.NativeFunctions.Argument(elements[i]).Test(tupleType.Types[i]) == Functions.Assignment.NotAssignable)
                throw new InvalidRequestException($"Invalid tuple literal for {receiver.Name}: component {i} is not of type {tupleType.Types[i].CqlName}");
        var prepared = elements.Select((e, i) => Prepare(e, receiver with { Name = $"{receiver.Name}[{i}]", Type = tupleType.Types[i] }, bindings)).ToList();
        return Compose(prepared, values =>
        {
            for (int i = 0; i < values.Length; i++)
                if (QueryOptions.IsUnset(values[i]))
                    throw new InvalidRequestException($"Invalid unset value for tuple field number {i}");
            return TupleType.BuildValue(values);
        });
    }

    /// <summary><c>(type) term</c>: the term must fit the hinted type, and the hinted type the receiver (Cassandra's TypeCast).</summary>
    private static Term PrepareTypeHint(RawTypeHint hint, ColumnSpecification receiver, BindVariables bindings)
    {
        CqlType type;
        try
        {
            type = TypeResolver.Resolve(hint.Type, null);
        }
        catch (InvalidRequestException)
        {
            return Prepare(hint.Term, receiver, bindings); // a user type hint: the receiver knows the keyspace's types
        }
        if (Functions.NativeFunctions.Argument(hint.Term).Test(type) == Functions.Assignment.NotAssignable)
            throw new InvalidRequestException($"Cannot cast value {hint.Term.ToCql()} to type {type.CqlName}");
        if (Functions.FunctionArgument.TestType(receiver.Type, type) == Functions.Assignment.NotAssignable)
            throw new InvalidRequestException($"Cannot assign value ({hint.Type.ToCql()}){hint.Term.ToCql()} to {receiver.Name} of type {receiver.Type.CqlName}");
        return Prepare(hint.Term, receiver with { Type = type }, bindings);
    }

    /// <summary>A user type literal: named fields in any order, missing fields null (Cassandra's UserTypes.Literal).</summary>
    private static Term PrepareUserType(RawUserTypeLiteral literal, ColumnSpecification receiver, BindVariables bindings)
    {
        if (receiver.Type is not UserType udt)
            throw new InvalidRequestException($"Invalid user type literal for {receiver.Name} of type {receiver.Type.CqlName}");
        var fields = new Term?[udt.FieldNames.Count];
        foreach (var field in literal.Fields)
        {
            int index = udt.FieldIndex(field.Field);
            if (index < 0)
                throw new InvalidRequestException($"Unknown field '{field.Field}' in value of user defined type {udt.Name}");
            if (fields[index] is not null)
                throw new InvalidRequestException($"Duplicate field '{field.Field}' in value of user defined type {udt.Name}");
            fields[index] = Prepare(field.Value, receiver with { Name = receiver.Name + "." + field.Field, Type = udt.FieldTypes[index] }, bindings);
        }
        var terms = fields.Select(f => f ?? ConstantTerm.Null).ToList();
        return Compose(terms, values =>
        {
            for (int i = 0; i < values.Length; i++)
                if (QueryOptions.IsUnset(values[i]))
                    throw new InvalidRequestException($"Invalid unset value for field '{udt.FieldNames[i]}' of user defined type {udt.Name}");
            return TupleType.BuildValue(values);
        });
    }

    /// <summary>Cassandra's validateAssignableTo for collection literals: every element must fit the element type.</summary>
    private static void CheckElements(IEnumerable<RawTerm> elements, CqlType elementType, string kind, ColumnSpecification receiver)
    {
        foreach (var e in elements)
            if (Functions.NativeFunctions.Argument(e).Test(elementType) == Functions.Assignment.NotAssignable)
                throw new InvalidRequestException($"Invalid {kind} literal for {receiver.Name}: value {e.ToCql()} is not of type {elementType.CqlName}");
    }

    private static ColumnSpecification Element(ColumnSpecification receiver, CqlType type) =>
        receiver with { Name = "value(" + receiver.Name + ")", Type = type };

    private static List<byte[]> NonNullElements(byte[]?[] values, ColumnSpecification receiver)
    {
        var result = new List<byte[]>(values.Length);
        foreach (var v in values)
        {
            if (v is null) throw new InvalidRequestException("null is not supported inside collections");
            if (QueryOptions.IsUnset(v)) throw new InvalidRequestException("unset value is not supported inside collections");
            result.Add(v);
        }
        return result;
    }

    private static Term Compose(List<Term> elements, Func<byte[]?[], byte[]> serialize)
    {
        if (elements.All(e => e.IsConstant))
            return new ConstantTerm(serialize([.. elements.Select(e => ((ConstantTerm)e).Value)]));
        return new ComputedTerm(elements, (values, _) => serialize(values));
    }
}
