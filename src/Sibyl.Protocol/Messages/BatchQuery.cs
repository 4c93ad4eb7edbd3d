namespace Sibyl.Protocol;

/// <summary>
/// One statement of a BATCH: CQL text (kind 0) or a prepared id (kind 1), with its values.
/// Values are positional: named batch values cannot be decoded (CASSANDRA-10246).
/// </summary>
public sealed class BatchQuery
{
    private BatchQuery(string? query, byte[]? preparedId, IReadOnlyList<byte[]?> values)
    {
        Query = query;
        PreparedId = preparedId;
        Values = values;
    }

    public static BatchQuery Simple(string query, IReadOnlyList<byte[]?>? values = null) =>
        new(query, null, values ?? []);

    public static BatchQuery Prepared(byte[] id, IReadOnlyList<byte[]?>? values = null) =>
        new(null, id, values ?? []);

    public string? Query { get; }

    public byte[]? PreparedId { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(PreparedId))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Query))]
    public bool IsPrepared => PreparedId is not null;

    public IReadOnlyList<byte[]?> Values { get; }
}
