using System.Buffers.Binary;
using Sibyl.Common.Errors;
using Sibyl.Cql.Json;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Functions;

/// <summary>
/// Functions whose signature follows their argument's type, made per call: toJson/fromJson, the 5.0 collection
/// functions (map_keys, collection_count, ...) and the vector similarity functions.
/// </summary>
internal static class GenericFunctions
{
    public static NativeFunction Resolve(string name, IReadOnlyList<FunctionArgument> args, CqlType? receiverType)
    {
        int arity = name.StartsWith("similarity_", StringComparison.Ordinal) ? 2 : 1;
        if (args.Count != arity)
            throw new InvalidRequestException(arity == 2
                ? $"Invalid number of arguments for function system.{name}: {arity} required but {args.Count} provided"
                : $"Invalid number of arguments in call to function system.{name}: {arity} required but {args.Count} provided");
        if (arity == 2)
            return Similarity(name, args);
        if (name == "fromjson")
        {
            if (receiverType is null)
                throw new InvalidRequestException("fromJson() cannot be used in the selection clause of a SELECT statement");
            if (args[0].Test(CqlType.Text) == Assignment.NotAssignable)
                throw new InvalidRequestException($"Type error: {args[0].Text} cannot be passed as argument 0 of function system.fromjson of type text");
            var target = receiverType;
            return new NativeFunction("fromjson", [CqlType.Text], target, (a, _) =>
            {
                if (a[0] is null) return null;
                try
                {
                    return JsonCodec.FromJsonString(target, System.Text.Encoding.UTF8.GetString(a[0]!), "fromJson()");
                }
                catch (InvalidRequestException e)
                {
                    throw new FunctionFailureException("system", "fromjson", ["text"], $"execution of 'system.fromjson[text]' failed: {e.Message}");
                }
            }, calledOnNullInput: true);
        }
        var type = args[0].Type ?? throw new InvalidRequestException($"Cannot infer type of argument {args[0].Text} in call to function system.{name}: use type casts to disambiguate");
        switch (name)
        {
            case "tojson":
                return new NativeFunction("tojson", [type], CqlType.Text,
                    (a, _) => System.Text.Encoding.UTF8.GetBytes(a[0] is null ? "null" : JsonCodec.ToJsonString(type, a[0]!)), calledOnNullInput: true);
            case "map_keys":
            case "map_values":
            {
                if (type is not MapType map) throw ArgumentError(name, args[0], "map");
                return name == "map_keys"
                    ? new NativeFunction(name, [type], new SetType(map.Key, false), (a, _) => a[0]!.Length == 0 ? null : CollectionSerializer.PackSet(map.Key, [.. CollectionSerializer.ReadEntries(a[0]!).Select(e => e.Key)]))
                    : new NativeFunction(name, [type], new ListType(map.Value, false), (a, _) => a[0]!.Length == 0 ? null : CollectionSerializer.PackList([.. CollectionSerializer.ReadEntries(a[0]!).Select(e => e.Value)]));
            }
            case "collection_count":
                if (!type.IsCollection) throw ArgumentError(name, args[0], "collection");
                return new NativeFunction(name, [type], CqlType.Int, (a, _) => CqlType.Int.Decompose(a[0]!.Length == 0 ? 0 : BinaryPrimitives.ReadInt32BigEndian(a[0])));
            case "collection_min":
            case "collection_max":
            case "collection_sum":
            case "collection_avg":
            {
                CqlType element = type switch
                {
                    ListType l => l.Element,
                    SetType s => s.Element,
                    _ => throw ArgumentError(name, args[0], "set or list"),
                };
                if (name is "collection_sum" or "collection_avg" && !Arithmetic.IsNumber(element))
                    throw ArgumentError(name, args[0], "numeric set or list");
                return new NativeFunction(name, [type], element, (a, _) => Fold(name, element, a[0]!));
            }
            default:
                throw new InvalidRequestException($"Unknown function system.{name} called");
        }
    }

    /// <summary>similarity_*(a, b): both float vectors of one dimension; a literal takes its type from the other argument.</summary>
    private static NativeFunction Similarity(string name, IReadOnlyList<FunctionArgument> args)
    {
        InvalidRequestException NotFloatVector(FunctionArgument a) =>
            new($"Function system.{name} requires a float vector argument, but found argument {a.Text}{(a.Type is null ? "" : " of type " + a.Type.CqlName)}");
        foreach (var a in args)
            if (a.Type is not null and not VectorType { Element.Kind: CqlTypeKind.Float }) throw NotFloatVector(a);
        var known = args.FirstOrDefault(a => a.Type is not null)?.Type as VectorType;
        if (known is null)
        {
            var literal = args.FirstOrDefault(a => a.ListLiteralSize is not null);
            if (literal is null)
            {
                var unknown = args.FirstOrDefault(a => a.Test(CqlType.Text) != Assignment.NotAssignable && a.Test(CqlType.Int) != Assignment.NotAssignable);
                if (unknown is not null) throw new InvalidRequestException($"Cannot infer type of argument {unknown.Text} in call to function system.{name}");
                throw NotFloatVector(args[0]);
            }
            known = new VectorType(CqlType.Float, literal.ListLiteralSize!.Value);
        }
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a.Type is VectorType v && v.Dimension != known.Dimension || a.ListLiteralSize is { } n && n != known.Dimension)
                throw new InvalidRequestException("All arguments must have the same vector dimensions");
            if (a.Type is null && a.ListLiteralSize is null && a.Test(CqlType.Text) == Assignment.NotAssignable)
                throw NotFloatVector(a);
            if (a.Test(known) == Assignment.NotAssignable)
            {
                if (a.ListLiteralSize is null && a.Type is null) throw NotFloatVector(a);
                throw new InvalidRequestException($"Type error: {a.Text} cannot be passed as argument {i} of function system.{name} of type {known.CqlName}");
            }
        }
        var vector = known;
        return new NativeFunction(name, [vector, vector], CqlType.Float, (a, _) => Score(name, vector, a[0]!, a[1]!));
    }

    private static InvalidRequestException ArgumentError(string name, FunctionArgument arg, string expected) =>
        new($"Function system.{name} requires a {expected} argument, but found argument {arg.Text} of type {arg.Type!.CqlName}");

    private static byte[]? Fold(string name, CqlType element, byte[] collection)
    {
        var elements = collection.Length == 0 ? [] : CollectionSerializer.ReadElements(collection);
        switch (name)
        {
            case "collection_min":
            case "collection_max":
            {
                byte[]? best = null;
                foreach (var e in elements)
                    if (best is null || (name == "collection_min" ? element.Compare(e, best) < 0 : element.Compare(e, best) > 0)) best = e;
                return best;
            }
            default:
            {
                byte[] sum = Arithmetic.Compute('-', element, Zero(element), element, Zero(element), element)!;
                foreach (var e in elements) sum = Arithmetic.Compute('+', element, sum, element, e, element) ?? sum;
                if (name == "collection_sum") return sum;
                if (elements.Count == 0) return sum;
                return Arithmetic.Compute('/', element, sum, CqlType.Int, CqlType.Int.Decompose(elements.Count), element);
            }
        }
    }

    private static byte[] Zero(CqlType type) => type.Kind switch
    {
        CqlTypeKind.TinyInt => [0],
        CqlTypeKind.SmallInt => [0, 0],
        CqlTypeKind.Int or CqlTypeKind.Float => [0, 0, 0, 0],
        CqlTypeKind.Varint => [0],
        CqlTypeKind.Decimal => [0, 0, 0, 0, 0],
        _ => new byte[8],
    };

    private static byte[] Score(string name, VectorType type, byte[] left, byte[] right)
    {
        var a = type.SplitValue(left).Select(e => BinaryPrimitives.ReadSingleBigEndian(e)).ToArray();
        var b = type.SplitValue(right).Select(e => BinaryPrimitives.ReadSingleBigEndian(e)).ToArray();
        double dot = 0, na = 0, nb = 0, dist = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
            dist += (a[i] - b[i]) * (a[i] - b[i]);
        }
        // The similarity scores of Cassandra's VectorSimilarityFunction: all in [0, 1], higher is closer.
        float score = name switch
        {
            "similarity_cosine" => na == 0 || nb == 0
                ? throw new InvalidRequestException("Function system.similarity_cosine doesn't support all-zero vectors")
                : (float)((1 + dot / Math.Sqrt(na * nb)) / 2),
            "similarity_euclidean" => (float)(1 / (1 + dist)),
            _ => (float)((1 + dot) / 2),
        };
        return CqlType.Float.Decompose(score);
    }
}
