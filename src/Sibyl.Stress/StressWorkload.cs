using System.Buffers.Binary;
using Sibyl.Client;
using Sibyl.Common.Errors;

namespace Sibyl.Stress;

/// <summary>
/// Creates the schema of a workload and issues its operations with prepared statements. Only standard CQL is
/// used, so the same workload runs against Apache Cassandra. Shared by all workers: every per-operation input
/// comes from the caller's <see cref="Random"/>.
/// </summary>
public sealed class StressWorkload
{
    public const string StandardTable = "standard";
    public const string TimeseriesTable = "timeseries";

    // Distinct value payloads cycled through by key, so values differ without allocating one per operation.
    private const int ValuePoolSize = 1024;

    private readonly StressOptions _options;
    private readonly KeyGenerator _keys;
    private readonly byte[][] _values;
    private readonly CqlExecutionOptions _execution;
    private PreparedStatement? _write;
    private PreparedStatement? _read;
    private long _clock;

    public StressWorkload(StressOptions options)
    {
        _options = options;
        _keys = new KeyGenerator(options.Keys, options.Distribution, options.ZipfExponent);
        var random = new Random(options.Seed);
        _values = new byte[ValuePoolSize][];
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = new byte[options.ValueSize];
            random.NextBytes(_values[i]);
        }
        _execution = new CqlExecutionOptions { Consistency = options.Consistency };
    }

    /// <summary>The DDL the workload runs before it starts: keyspace and its one table.</summary>
    public IReadOnlyList<string> SchemaStatements()
    {
        string ks = _options.Keyspace;
        var statements = new List<string>
        {
            $"CREATE KEYSPACE IF NOT EXISTS {ks} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': {_options.ReplicationFactor}}}",
        };
        statements.Add(_options.Workload == StressWorkloadKind.TimeseriesSlice
            ? $"CREATE TABLE IF NOT EXISTS {ks}.{TimeseriesTable} (series bigint, ts bigint, value blob, PRIMARY KEY (series, ts)) WITH CLUSTERING ORDER BY (ts DESC)"
            : $"CREATE TABLE IF NOT EXISTS {ks}.{StandardTable} (key bigint PRIMARY KEY, value blob)");
        return statements;
    }

    public async Task SetupAsync(CqlSession session, CancellationToken cancellationToken)
    {
        foreach (string ddl in SchemaStatements())
            await session.ExecuteAsync(ddl, [], new CqlExecutionOptions { Consistency = ConsistencyLevel.One }, cancellationToken).ConfigureAwait(false);
        string ks = _options.Keyspace;
        if (_options.Workload == StressWorkloadKind.TimeseriesSlice)
        {
            _write = await PrepareAsync(session, $"INSERT INTO {ks}.{TimeseriesTable} (series, ts, value) VALUES (?, ?, ?)", cancellationToken).ConfigureAwait(false);
            _read = await PrepareAsync(session, $"SELECT ts, value FROM {ks}.{TimeseriesTable} WHERE series = ? LIMIT {_options.SliceSize}", cancellationToken).ConfigureAwait(false);
            _clock = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        }
        else
        {
            _write = await PrepareAsync(session, $"INSERT INTO {ks}.{StandardTable} (key, value) VALUES (?, ?)", cancellationToken).ConfigureAwait(false);
            _read = await PrepareAsync(session, $"SELECT value FROM {ks}.{StandardTable} WHERE key = ?", cancellationToken).ConfigureAwait(false);
        }
    }

    // Right after CREATE TABLE a multi-node cluster may not have agreed on the schema yet: retry a few times.
    private static async Task<PreparedStatement> PrepareAsync(CqlSession session, string cql, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await session.PrepareAsync(cql, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidRequestException) when (attempt < 10)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Which operation comes next, by the workload and its ratio.</summary>
    public OperationKind Choose(Random random) => _options.Workload switch
    {
        StressWorkloadKind.Write => OperationKind.Write,
        StressWorkloadKind.Read => OperationKind.Read,
        _ => random.Next(_options.WriteRatio + _options.ReadRatio) < _options.WriteRatio ? OperationKind.Write : OperationKind.Read,
    };

    /// <summary>Runs one operation; returns the rows it read (0 for writes).</summary>
    public async ValueTask<int> ExecuteAsync(CqlSession session, OperationKind kind, Random random, CancellationToken cancellationToken)
    {
        long key = _keys.Next(random);
        var keyBytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(keyBytes, key);
        byte[] value = _values[(int)(key % ValuePoolSize)];
        if (kind == OperationKind.Write)
        {
            byte[]?[] values;
            if (_options.Workload == StressWorkloadKind.TimeseriesSlice)
            {
                var ts = new byte[8];
                BinaryPrimitives.WriteInt64BigEndian(ts, Interlocked.Increment(ref _clock));
                values = [keyBytes, ts, value];
            }
            else
            {
                values = [keyBytes, value];
            }
            await session.ExecuteAsync(_write!, values, _execution, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        var rows = await session.ExecuteAsync(_read!, [keyBytes], _execution, cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }
}
