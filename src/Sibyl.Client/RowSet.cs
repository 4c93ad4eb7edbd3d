namespace Sibyl.Client;

/// <summary>
/// One page of a result. <see cref="FetchNextPageAsync"/> asks for the next page; enumerating the set
/// asynchronously walks this page and every following one.
/// </summary>
public sealed class RowSet : IAsyncEnumerable<Row>
{
    private readonly IReadOnlyList<byte[]?[]> _rows;
    private readonly PageRequest? _request;
    private Row[]? _materialized;

    internal RowSet(CqlColumns columns, IReadOnlyList<byte[]?[]> rows, byte[]? pagingState, PageRequest? request,
        IReadOnlyList<string>? warnings)
    {
        Columns = columns;
        _rows = rows;
        PagingState = pagingState;
        _request = request;
        Warnings = warnings ?? [];
    }

    /// <summary>The result of a statement that returns no rows (INSERT, DDL, USE).</summary>
    internal static RowSet Void(IReadOnlyList<string>? warnings) => new(CqlColumns.Empty, [], null, null, warnings);

    public CqlColumns Columns { get; }

    internal IReadOnlyList<byte[]?[]> RawRows => _rows;

    /// <summary>Rows of this page only.</summary>
    public int Count => _rows.Count;

    public IReadOnlyList<Row> Rows => _materialized ??= Materialize();

    public Row this[int index] => new(Columns, _rows[index]);

    /// <summary>Where the next page starts; null on the last page.</summary>
    public byte[]? PagingState { get; }

    public bool HasMorePages => PagingState is not null && _request is not null;

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The next page, or null when this is the last one.</summary>
    public Task<RowSet?> FetchNextPageAsync(CancellationToken cancellationToken = default)
    {
        if (!HasMorePages)
            return Task.FromResult<RowSet?>(null);
        return FetchAsync(cancellationToken);
    }

    private async Task<RowSet?> FetchAsync(CancellationToken cancellationToken) =>
        await _request!.Session.ExecuteCoreAsync(_request.Statement, _request.Query, _request.Values,
            _request.Options with { PagingState = PagingState }, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerator<Row> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        RowSet? page = this;
        while (page is not null)
        {
            for (int i = 0; i < page.Count; i++)
                yield return page[i];
            page = await page.FetchNextPageAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private Row[] Materialize()
    {
        var rows = new Row[_rows.Count];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new Row(Columns, _rows[i]);
        return rows;
    }
}
