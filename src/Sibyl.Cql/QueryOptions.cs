using Sibyl.Common.Errors;

namespace Sibyl.Cql;

/// <summary>
/// What a request supplies at execution: bound values (null is CQL null, <see cref="Unset"/> is unset),
/// consistency, paging and the client's timestamp. Cassandra's QueryOptions.
/// </summary>
public sealed class QueryOptions
{
    /// <summary>The "unset" marker of protocol v4; compared by reference.</summary>
#pragma warning disable CA1825 // a distinct instance is the point: Array.Empty would be shared with real empty values
    public static readonly byte[] Unset = new byte[0];
#pragma warning restore CA1825

    public static readonly QueryOptions Default = new() { Values = [] };

    public required IReadOnlyList<byte[]?> Values { get; init; }
    public IReadOnlyList<string>? Names { get; init; }
    public ConsistencyLevel Consistency { get; init; } = ConsistencyLevel.One;
    public ConsistencyLevel? SerialConsistency { get; init; }
    public int PageSize { get; init; } = -1;
    public byte[]? PagingState { get; init; }
    public long? Timestamp { get; init; }
    public bool SkipMetadata { get; init; }

    public static bool IsUnset(byte[]? value) => ReferenceEquals(value, Unset);
}
