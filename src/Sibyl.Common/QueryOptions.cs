using Sibyl.Common.Errors;

namespace Sibyl.Common;

/// <summary>
/// What a request supplies at execution (Cassandra's QueryOptions): bound values (null is CQL null, the shared
/// <see cref="Unset"/> instance is unset), consistency, paging and the client's timestamp. One type from the wire
/// to the statement layer, so a positional EXECUTE is decoded into the very object its statement reads.
/// </summary>
public sealed class QueryOptions
{
    /// <summary>The "unset" marker of protocol v4 ([value] length -2); compared by reference, never by content.</summary>
#pragma warning disable CA1825 // a distinct instance is the point: Array.Empty would be shared with real empty values
    public static readonly byte[] Unset = new byte[0];
#pragma warning restore CA1825

    public static readonly QueryOptions Default = new();

    public IReadOnlyList<byte[]?> Values { get; init; } = [];

    /// <summary>Names of the values when bound by name (WITH_NAMES_FOR_VALUES); null for positional values.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    public ConsistencyLevel Consistency { get; init; } = ConsistencyLevel.One;

    public ConsistencyLevel? SerialConsistency { get; init; }

    /// <summary>Rows per page; zero or negative means no paging.</summary>
    public int PageSize { get; init; } = -1;

    public byte[]? PagingState { get; init; }

    /// <summary>The client's timestamp in microseconds since the epoch.</summary>
    public long? Timestamp { get; init; }

    public bool SkipMetadata { get; init; }

    public static bool IsUnset(byte[]? value) => ReferenceEquals(value, Unset);
}
