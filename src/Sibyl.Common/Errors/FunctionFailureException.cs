namespace Sibyl.Common.Errors;

/// <summary>A user-defined function threw while executing (code 0x1400, v4).</summary>
public sealed class FunctionFailureException : RequestException
{
    public FunctionFailureException(string keyspace, string function, IReadOnlyList<string> argumentTypes, string message)
        : base(ErrorCode.FunctionFailure, message)
    {
        Keyspace = keyspace;
        Function = function;
        ArgumentTypes = argumentTypes;
    }

    public string Keyspace { get; }

    public string Function { get; }

    /// <summary>CQL type names of the function's arguments.</summary>
    public IReadOnlyList<string> ArgumentTypes { get; }
}
