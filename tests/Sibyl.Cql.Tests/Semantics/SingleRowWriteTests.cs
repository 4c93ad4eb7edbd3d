using Sibyl.Common;
using Sibyl.Cql.Statements;
using Sibyl.Common.Errors;
using Sibyl.Data.Model;
using Sibyl.Schema;

namespace Sibyl.Cql.Tests.Semantics;

/// <summary>
/// The single-row write (one partition of a table without clustering columns, simple columns) makes exactly the
/// mutation the general path (<see cref="ModificationStatement.BuildMutations"/>) makes, and fails the same way.
/// </summary>
public class SingleRowWriteTests
{
    // Theory data is serialized, so an unset value is named by a marker rather than by the Unset instance.
    private const string Unset = "<unset>";

    public static TheoryData<string, object?[]> Writes => new()
    {
        { "INSERT INTO t (k, b, a) VALUES (?, ?, ?)", [1, "x", 2] },
        { "INSERT INTO t (k, c, b, a) VALUES (?, ?, ?, ?)", [1, new byte[] { 1, 2 }, null, 3] },
        { "INSERT INTO t (k, b, a) VALUES (?, ?, ?)", [1, Unset, 2] },
        { "INSERT INTO t (k, b, a) VALUES (?, ?, ?)", [1, Unset, Unset] },
        { "INSERT INTO t (k) VALUES (?)", [1] },
        { "INSERT INTO t (k, a) VALUES (?, ?) USING TTL ? AND TIMESTAMP ?", [1, 2, 100, 12345L] },
        { "INSERT INTO t (k, a) VALUES (?, ?) USING TTL ?", [1, 2, null] },
        { "INSERT INTO t (k, a) VALUES (?, ?) USING TTL ?", [1, 2, Unset] },
        { "INSERT INTO t (k, a) VALUES (?, ?) USING TTL ?", [1, 2, -1] },
        { "INSERT INTO t (k, a) VALUES (?, ?) USING TIMESTAMP ?", [1, 2, null] },
        { "INSERT INTO t (k, a) VALUES (?, ?) USING TIMESTAMP ?", [1, 2, long.MinValue] },
        { "INSERT INTO t (k, a) VALUES (?, ?)", [null, 2] },
        { "UPDATE t SET c = ?, a = ? WHERE k = ?", [new byte[] { 9 }, 4, 1] },
        { "UPDATE t SET c = ?, a = ? WHERE k = ?", [Unset, Unset, 1] },
        { "UPDATE t SET b = ? WHERE k = ?", [null, 1] },
        { "UPDATE t USING TTL 5 SET b = ? WHERE k = ?", ["y", 1] },
        { "INSERT INTO ttl (k, v) VALUES (?, ?)", [1, 2] },
        { "INSERT INTO ttl (k, v) VALUES (?, ?) USING TTL 0", [1, 2] },
        { "INSERT INTO composite (k1, k2, z, y) VALUES (?, ?, ?, ?)", [1, "p", 5, 6] },
        { "UPDATE composite SET y = ?, z = ? WHERE k1 = ? AND k2 = ?", [1, 2, 3, "q"] },
        { "INSERT INTO bk (k, v) VALUES (?, ?)", [Array.Empty<byte>(), 1] },
        { "INSERT INTO bk (k, v) VALUES (?, ?)", [new byte[70_000], 1] },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task MakesTheMutationOfTheGeneralPath(string cql, object?[] values)
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TABLE t (k int PRIMARY KEY, b text, a int, c blob)");
        node.Execute("CREATE TABLE ttl (k int PRIMARY KEY, v int) WITH default_time_to_live = 50");
        node.Execute("CREATE TABLE composite (k1 int, k2 text, z int, y int, PRIMARY KEY ((k1, k2)))");
        node.Execute("CREATE TABLE bk (k blob PRIMARY KEY, v int)");
        var statement = Assert.IsType<ModificationStatement>(node.Prepare(cql));
        var bound = new byte[]?[values.Length];
        for (int i = 0; i < values.Length; i++)
            bound[i] = values[i] switch
            {
                null => null,
                Unset => QueryOptions.Unset,
                var v => statement.BindVariables[i].Type.Decompose(v),
            };
        var options = new QueryOptions { Values = bound };
        var state = new QueryState("ks", 1_600_000_000_000_000L, 1_600_000_000);

        var recorder = new RecordingContext(node.Schema);
        string? fastError = null, generalError = null;
        try
        {
            await statement.ExecuteAsync(recorder, state, options, CancellationToken.None);
        }
        catch (Exception e)
        {
            fastError = e.GetType().Name + ": " + e.Message;
        }
        List<Mutation> general = [];
        try
        {
            general = statement.BuildMutations(options, state, batchTimestamp: null);
        }
        catch (Exception e)
        {
            generalError = e.GetType().Name + ": " + e.Message;
        }
        Assert.Equal(generalError, fastError);
        Assert.Equal(general.Select(Describe), recorder.Mutations.Select(Describe));
    }

    private static string Describe(Mutation mutation)
    {
        var text = new System.Text.StringBuilder($"{mutation.Keyspace} {Convert.ToHexString(mutation.Key.Key)} {mutation.Key.Token}");
        foreach (var update in mutation.Updates)
        {
            text.Append($" [{update.TableId} {update.PartitionDeletion} rts={update.RangeTombstones.Count}");
            if (update.StaticRow is { } s) text.Append(" static " + Describe(s));
            foreach (var row in update.Rows) text.Append(' ').Append(Describe(row));
            text.Append(']');
        }
        return text.ToString();
    }

    private static string Describe(Row row) =>
        $"({string.Join(',', row.Clustering.Values.Select(Convert.ToHexString))}) {row.PrimaryKeyLiveness} {row.Deletion} "
        + string.Join(' ', row.Cells.Select(c => $"{c.Column}:{(c.Path is null ? "" : Convert.ToHexString(c.Path))}={Convert.ToHexString(c.Value)}@{c.Timestamp}/{c.Ttl}/{c.LocalDeletionTime}"))
        + " cd=" + string.Join(',', row.ComplexDeletions.Select(d => d.ToString()));

    /// <summary>Records what a statement writes, by whichever MutateAsync it calls.</summary>
    private sealed class RecordingContext(SchemaSnapshot schema) : IQueryContext
    {
        public List<Mutation> Mutations { get; } = [];

        public SchemaSnapshot Schema => schema;

        public IReadOnlyCollection<string> Datacenters => ["datacenter1"];

        public SchemaSnapshot ChangeSchema(Func<SchemaSnapshot, SchemaSnapshot> transformation) => throw new NotSupportedException();

        public ValueTask MutateAsync(IReadOnlyList<Mutation> mutations, ConsistencyLevel consistency, CancellationToken cancellationToken)
        {
            Mutations.AddRange(mutations);
            return ValueTask.CompletedTask;
        }

        public ValueTask<IReadOnlyList<PartitionData>> ReadAsync(ReadCommand command, ConsistencyLevel consistency, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask TruncateAsync(TableMetadata table, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
