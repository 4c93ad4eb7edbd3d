namespace Sibyl.Cql.Results;

/// <summary>What executing a statement produces, before the coordinator turns it into a protocol RESULT.</summary>
public abstract record CqlResult;

public sealed record VoidResult : CqlResult
{
    public static readonly VoidResult Instance = new();
}

public sealed record SetKeyspaceResult(string Keyspace) : CqlResult;

public enum SchemaChangeType
{
    Created,
    Updated,
    Dropped,
}

public enum SchemaChangeTarget
{
    Keyspace,
    Table,
    Type,
    Function,
    Aggregate,
}

/// <summary>A schema change result; also what SCHEMA_CHANGE events announce.</summary>
public sealed record SchemaChangeResult(SchemaChangeType Change, SchemaChangeTarget Target, string Keyspace, string? Name = null, IReadOnlyList<string>? ArgumentTypes = null) : CqlResult;

/// <summary>Rows: the columns, their values as serialized bytes, and the paging state of the next page if any.</summary>
public sealed record RowsResult(IReadOnlyList<ColumnSpecification> Columns, IReadOnlyList<byte[]?[]> Rows, byte[]? PagingState) : CqlResult;
