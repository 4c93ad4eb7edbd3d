using Sibyl.Common.Errors;

namespace Sibyl.Client;

/// <summary>Per-request settings; unset members fall back to <see cref="CqlClusterOptions"/>.</summary>
public readonly record struct CqlExecutionOptions
{
    public ConsistencyLevel? Consistency { get; init; }

    public ConsistencyLevel? SerialConsistency { get; init; }

    /// <summary>Rows per page; null uses the session default, 0 or less disables paging.</summary>
    public int? PageSize { get; init; }

    /// <summary>Where to resume, from <see cref="RowSet.PagingState"/> of an earlier page.</summary>
    public byte[]? PagingState { get; init; }

    /// <summary>Client-side write timestamp in microseconds since the epoch.</summary>
    public long? Timestamp { get; init; }
}
