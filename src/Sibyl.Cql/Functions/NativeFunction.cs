using Sibyl.Data.Types;

namespace Sibyl.Cql.Functions;

/// <summary>What a function may read from the request when it runs: the statement's time.</summary>
public readonly record struct FunctionContext(long TimestampMicros)
{
    public static FunctionContext Now() => new(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
}

/// <summary>
/// A native (system keyspace) scalar function with a fixed signature: Cassandra's NativeScalarFunction.
/// Arguments and result are serialized values; null is CQL null. Unless <see cref="CalledOnNullInput"/>,
/// a null argument makes the result null without calling the body.
/// </summary>
public sealed class NativeFunction
{
    private readonly Func<byte[]?[], FunctionContext, byte[]?> _body;
    private readonly Func<IReadOnlyList<string>, string>? _columnName;

    public NativeFunction(string name, IReadOnlyList<CqlType> argumentTypes, CqlType returnType,
        Func<byte[]?[], FunctionContext, byte[]?> body, bool calledOnNullInput = false, Func<IReadOnlyList<string>, string>? columnName = null,
        bool isPure = true)
    {
        Name = name;
        ArgumentTypes = argumentTypes;
        ReturnType = returnType;
        _body = body;
        CalledOnNullInput = calledOnNullInput;
        _columnName = columnName;
        IsPure = isPure;
    }

    /// <summary>The name, lower case as Cassandra stores native functions ("totimestamp").</summary>
    public string Name { get; }

    public IReadOnlyList<CqlType> ArgumentTypes { get; }

    public CqlType ReturnType { get; }

    public bool CalledOnNullInput { get; }

    /// <summary>False for now(), uuid() and friends: their value changes on every call.</summary>
    public bool IsPure { get; }

    /// <summary>"system.totimestamp : (timeuuid) -> timestamp", as Cassandra lists signatures in errors.</summary>
    public string Signature => $"system.{Name} : ({string.Join(", ", ArgumentTypes.Select(t => t.CqlName))}) -> {ReturnType.CqlName}";

    /// <summary>The result column name for these argument column names.</summary>
    public string ColumnName(IReadOnlyList<string> arguments) =>
        _columnName?.Invoke(arguments) ?? $"system.{Name}({string.Join(", ", arguments)})";

    public byte[]? Execute(byte[]?[] arguments, FunctionContext context)
    {
        if (!CalledOnNullInput)
        {
            foreach (var a in arguments)
                if (a is null) return null;
        }
        return _body(arguments, context);
    }
}
