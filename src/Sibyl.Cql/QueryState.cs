namespace Sibyl.Cql;

/// <summary>Per-request state: the connection's current keyspace and the request's clock readings.</summary>
public sealed class QueryState
{
    public QueryState(string? keyspace, long timestampMicros, int nowInSeconds)
    {
        Keyspace = keyspace;
        TimestampMicros = timestampMicros;
        NowInSeconds = nowInSeconds;
    }

    /// <summary>The keyspace of USE, for names written without one.</summary>
    public string? Keyspace { get; }

    /// <summary>The write timestamp to use when the client gave none.</summary>
    public long TimestampMicros { get; }

    public int NowInSeconds { get; }

    private long _cellPathSequence;
    private int _cellPathSalt = -1;

    /// <summary>Orders the list elements one request writes (the statements of a batch share it).</summary>
    public long NextCellPathSequence() => Interlocked.Increment(ref _cellPathSequence);

    /// <summary>21 random bits, fixed for the request, that keep list element paths of two coordinators writing in
    /// the same microsecond apart (the node bits of Cassandra's time UUIDs).</summary>
    public int CellPathSalt
    {
        get
        {
            if (_cellPathSalt < 0) Interlocked.CompareExchange(ref _cellPathSalt, Random.Shared.Next(1 << 21), -1);
            return _cellPathSalt;
        }
    }

    /// <summary>Protocol warnings to send with the response (created on the first one: most requests have none).</summary>
    public List<string> Warnings => _warnings ??= [];

    public bool HasWarnings => _warnings is { Count: > 0 };

    private List<string>? _warnings;
}
