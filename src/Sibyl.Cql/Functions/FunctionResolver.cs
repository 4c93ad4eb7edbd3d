using Sibyl.Common.Errors;
using Sibyl.Cql.Json;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Functions;

/// <summary>How well a value fits a parameter type (Cassandra's AssignmentTestable.TestResult).</summary>
public enum Assignment
{
    NotAssignable,
    WeaklyAssignable,
    ExactMatch,
}

/// <summary>One argument of a call as resolution sees it: its text, its type when known, and how it fits a parameter type.</summary>
public sealed record FunctionArgument(string Text, CqlType? Type, Func<CqlType, Assignment> Test)
{
    /// <summary>The element count of a list literal argument (vector functions infer vector&lt;float, n&gt; from it).</summary>
    public int? ListLiteralSize { get; init; }

    public static FunctionArgument Typed(string text, CqlType type) => new(text, type, p => TestType(p, type));

    public static Assignment TestType(CqlType parameter, CqlType type)
    {
        if (parameter.Equals(type) || parameter.Freeze().Equals(type.Freeze())) return Assignment.ExactMatch;
        bool compatible = parameter.Kind switch
        {
            CqlTypeKind.Blob => true,
            CqlTypeKind.Varchar => type.Kind == CqlTypeKind.Ascii,
            CqlTypeKind.Uuid => type.Kind == CqlTypeKind.Timeuuid,
            // bigint and counter share a layout but not a type: bigintasblob(counter) and counterasblob(bigint)
            // are refused, as Cassandra does.
            // Cassandra's isValueCompatibleWith: bigint and timestamp read each other's 8 bytes, varint reads both.
            CqlTypeKind.BigInt => type.Kind == CqlTypeKind.Timestamp,
            CqlTypeKind.Timestamp => type.Kind == CqlTypeKind.BigInt,
            CqlTypeKind.Varint => type.Kind is CqlTypeKind.Int or CqlTypeKind.BigInt or CqlTypeKind.SmallInt or CqlTypeKind.TinyInt or CqlTypeKind.Timestamp,
            _ => false,
        };
        return compatible ? Assignment.WeaklyAssignable : Assignment.NotAssignable;
    }
}

/// <summary>
/// Picks the function a call names from the registry by its arguments (Cassandra's FunctionResolver), with
/// Cassandra's errors: unknown function, wrong number of arguments, type errors and ambiguous calls.
/// </summary>
public static class FunctionResolver
{
    public static NativeFunction Resolve(FunctionName name, IReadOnlyList<FunctionArgument> args, CqlType? receiverType)
    {
        string lower = name.Name.ToLowerInvariant();
        if (name.Keyspace is not null && !name.Keyspace.Equals("system", StringComparison.OrdinalIgnoreCase))
            throw new InvalidRequestException($"Unknown function {name.ToCql()} called");
        if (FunctionRegistry.IsGeneric(lower))
            return GenericFunctions.Resolve(lower, args, receiverType);
        var candidates = FunctionRegistry.Native.Overloads(lower);
        if (candidates.Count == 0)
            throw new InvalidRequestException($"Unknown function {name.ToCql()} called");
        if (candidates.Count == 1)
        {
            var only = candidates[0];
            Validate(only, args);
            return only;
        }
        NativeFunction? exact = null;
        var compatible = new List<NativeFunction>();
        foreach (var candidate in candidates)
        {
            if (candidate.ArgumentTypes.Count != args.Count) continue;
            var worst = Assignment.ExactMatch;
            for (int i = 0; i < args.Count && worst != Assignment.NotAssignable; i++)
            {
                var a = args[i].Test(candidate.ArgumentTypes[i]);
                if (a < worst) worst = a;
            }
            if (worst == Assignment.ExactMatch) exact ??= candidate;
            if (worst != Assignment.NotAssignable) compatible.Add(candidate);
        }
        if (exact is not null) return exact;
        if (compatible.Count == 1) return compatible[0];
        if (compatible.Count == 0 && Operator(lower) is char op && args.Count == 2)
            throw new InvalidRequestException($"the '{op}' operation is not supported between {args[0].Text} and {args[1].Text}");
        if (compatible.Count == 0)
            throw new InvalidRequestException($"Invalid call to function system.{DisplayName(lower)}, none of its type signatures match (known type signatures: {string.Join(", ", candidates.Select(c => c.Signature))})");
        if (receiverType is not null)
        {
            var returning = compatible.Where(c => c.ReturnType.Equals(receiverType)).ToList();
            if (returning.Count == 1) return returning[0];
        }
        throw new InvalidRequestException($"Ambiguous call to function system.{DisplayName(lower)} (can be matched by following signatures: {string.Join(", ", compatible.Select(c => c.Signature))}): use type casts to disambiguate");
    }

    /// <summary>Cassandra's cast functions are camel case (castAsInt); every other native function name is lower case.</summary>
    private static string DisplayName(string name) =>
        name.StartsWith("castas", StringComparison.Ordinal) && name.Length > 6 ? "castAs" + char.ToUpperInvariant(name[6]) + name[7..] : name;

    private static char? Operator(string name) => name switch
    {
        "_add" => '+',
        "_substract" => '-',
        "_multiply" => '*',
        "_divide" => '/',
        "_modulo" => '%',
        _ => null,
    };

    public static void Validate(NativeFunction function, IReadOnlyList<FunctionArgument> args)
    {
        if (function.ArgumentTypes.Count != args.Count)
            throw new InvalidRequestException($"Invalid number of arguments in call to function system.{function.Name}: {function.ArgumentTypes.Count} required but {args.Count} provided");
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i].Test(function.ArgumentTypes[i]) == Assignment.NotAssignable)
                throw new InvalidRequestException($"Type error: {args[i].Text} cannot be passed as argument {i} of function system.{function.Name} of type {function.ArgumentTypes[i].CqlName}");
        }
    }
}
