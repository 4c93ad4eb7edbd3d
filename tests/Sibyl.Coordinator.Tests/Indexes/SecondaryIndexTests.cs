using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Protocol;
using Sibyl.Replica;
using Sibyl.Schema;
using Sibyl.Schema.SystemTables;
using Sibyl.Storage;
using Sibyl.Storage.Tables;

namespace Sibyl.Coordinator.Tests.Indexes;

/// <summary>Secondary indexes end to end on memtables: DDL, entries written with base writes, index reads.</summary>
public class SecondaryIndexTests
{
    private readonly CountingStore _store = new(new MemtableStore());
    private readonly CqlTestNode _node;

    public SecondaryIndexTests() => _node = new CqlTestNode(_store);

    private ResultMessage Run(string cql, QueryOptions? options = null) => _node.Run(cql, options);

    private IReadOnlyList<byte[]?[]> Rows(string cql, QueryOptions? options = null) => ((RowsResultMessage)Run(cql, options)).Rows;

    private List<int> Ints(string cql) => [.. Rows(cql).Select(r => (int)CqlType.Int.Compose(r[0]!)!).Order()];

    private string Error(string cql) => Assert.ThrowsAny<RequestException>(() => Run(cql)).Message;

    private TableMetadata Table(string name) => _node.Schema.Current.GetTable("ks", name)!;

    [Fact]
    public void IndexedEqualityReadsTheIndexNotTheTable()
    {
        Run("CREATE TABLE users (id int PRIMARY KEY, location text, name text)");
        Run("CREATE INDEX ON users (location)");
        for (int i = 0; i < 200; i++)
            Run($"INSERT INTO users (id, location, name) VALUES ({i}, '{(i % 50 == 0 ? "seoul" : "busan")}', 'n{i}')");
        _store.Reset();
        Assert.Equal([0, 50, 100, 150], Ints("SELECT id FROM users WHERE location = 'seoul'"));
        // No scan of the base table, and only the four listed rows were read from it.
        var usersId = Table("users").Id;
        Assert.Equal(0, _store.RangeReads(usersId));
        Assert.Equal(4, _store.SinglePartitionReads(usersId));
    }

    [Fact]
    public void StaleEntriesAreSkipped()
    {
        Run("CREATE TABLE t (p int, c int, v int, PRIMARY KEY (p, c))");
        Run("CREATE INDEX ON t (v)");
        Run("INSERT INTO t (p, c, v) VALUES (1, 1, 7)");
        Run("INSERT INTO t (p, c, v) VALUES (1, 2, 7)");
        Run("INSERT INTO t (p, c, v) VALUES (2, 1, 7)");
        Run("UPDATE t SET v = 8 WHERE p = 1 AND c = 1");
        Run("DELETE FROM t WHERE p = 2");
        var rows = Rows("SELECT p, c FROM t WHERE v = 7");
        var row = Assert.Single(rows);
        Assert.Equal(2, (int)CqlType.Int.Compose(row[1]!)!);
        Assert.Equal([1], Ints("SELECT p FROM t WHERE v = 8"));
    }

    [Fact]
    public void CreateIndexBuildsOverExistingRowsAndTruncateEmptiesIt()
    {
        Run("CREATE TABLE b (id int PRIMARY KEY, v int)");
        for (int i = 0; i < 30; i++) Run($"INSERT INTO b (id, v) VALUES ({i}, {i % 3})");
        Run("CREATE INDEX b_v ON b (v)");
        Assert.Equal([0, 3, 6, 9, 12, 15, 18, 21, 24, 27], Ints("SELECT id FROM b WHERE v = 0"));
        Run("TRUNCATE b");
        Assert.Empty(Rows("SELECT id FROM b WHERE v = 0"));
    }

    [Fact]
    public void CollectionIndexesAnswerContainsAndEntries()
    {
        Run("CREATE TABLE m (id int PRIMARY KEY, s set<int>, m map<text, int>)");
        Run("CREATE INDEX ON m (s)");
        Run("CREATE INDEX ON m (keys(m))");
        Run("CREATE INDEX ON m (entries(m))");
        Run("INSERT INTO m (id, s, m) VALUES (1, {1, 2}, {'a': 1})");
        Run("INSERT INTO m (id, s, m) VALUES (2, {2}, {'a': 2, 'b': 1})");
        Assert.Equal([1, 2], Ints("SELECT id FROM m WHERE s CONTAINS 2"));
        Assert.Equal([2], Ints("SELECT id FROM m WHERE m CONTAINS KEY 'b'"));
        Assert.Equal([2], Ints("SELECT id FROM m WHERE m['a'] = 2"));
        Assert.Equal("Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. "
            + "If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING",
            Error("SELECT id FROM m WHERE m['a'] = 2 AND m['b'] = 1"));
        Assert.Empty(Rows("SELECT id FROM m WHERE m['a'] = 2 AND m['b'] = 2 ALLOW FILTERING"));
    }

    [Fact]
    public void DdlFollowsCassandrasNamesAndRefusals()
    {
        Run("CREATE TABLE d (k int PRIMARY KEY, v int, f frozen<list<int>>, l list<int>, dur duration)");
        Run("CREATE INDEX ON d (v)");
        Run("CREATE INDEX IF NOT EXISTS ON d (v)");
        Assert.Equal("Index other is a duplicate of existing index d_v_idx", Error("CREATE INDEX other ON d (v)"));
        Run("CREATE INDEX ON d (full(f))");
        Assert.Equal(["d_f_idx", "d_v_idx"], Table("d").Indexes.Select(i => i.Name));
        Assert.Equal("Index 'd_v_idx' already exists", Error("CREATE INDEX d_v_idx ON d (f)"));
        Assert.Equal("Cannot create secondary index on the only partition key column k", Error("CREATE INDEX ON d (k)"));
        Assert.Equal("full() indexes can only be created on frozen collections", Error("CREATE INDEX ON d (full(l))"));
        Assert.Equal("Cannot create index on keys of column l with non-map type", Error("CREATE INDEX ON d (keys(l))"));
        Assert.Equal("Secondary indexes are not supported on duration columns", Error("CREATE INDEX ON d (dur)"));
        Assert.StartsWith("Cannot create values() index on frozen column f", Error("CREATE INDEX ON d (values(f))"));
        Assert.Equal("Index 'ks.nope' doesn't exist", Error("DROP INDEX nope"));
        Run("DROP INDEX IF EXISTS nope");
        Run("DROP INDEX d_v_idx");
        Assert.Equal(["d_f_idx"], Table("d").Indexes.Select(i => i.Name));
        Run("CREATE TABLE cnt (k int PRIMARY KEY, c counter)");
        Assert.Equal("Secondary indexes on counter tables aren't supported", Error("CREATE INDEX ON cnt (c)"));
    }

    [Fact]
    public void AllowFilteringIsStillNeededForOtherRestrictions()
    {
        Run("CREATE TABLE r (p int, c int, v int, w int, PRIMARY KEY (p, c))");
        Run("CREATE INDEX ON r (v)");
        Run("CREATE TABLE lists (k int PRIMARY KEY, l list<int>)");
        Run("CREATE INDEX ON lists (l)");
        Run("INSERT INTO r (p, c, v, w) VALUES (1, 1, 5, 5)");
        Assert.Single(Rows("SELECT * FROM r WHERE v = 5"));
        Assert.Single(Rows("SELECT * FROM r WHERE p = 1 AND v = 5"));
        Assert.Single(Rows("SELECT * FROM r WHERE p = 1 AND c = 1 AND v = 5"));
        Assert.Equal("Collection column 'l' (list<int>) cannot be restricted by a '=' relation", Error("SELECT * FROM lists WHERE l = [1]"));
        Assert.Contains("ALLOW FILTERING", Error("SELECT * FROM r WHERE v = 5 AND w = 5"));
        Assert.Contains("ALLOW FILTERING", Error("SELECT * FROM r WHERE v = 5 AND c = 1"));
        Assert.Contains("ALLOW FILTERING", Error("SELECT * FROM r WHERE v IN (5, 6)"));
        Assert.Single(Rows("SELECT * FROM r WHERE v = 5 AND w = 5 ALLOW FILTERING"));
        Assert.Contains("Non PRIMARY KEY columns found in where clause: v", Error("UPDATE r SET w = 1 WHERE v = 5"));
    }

    [Fact]
    public void PagingResumesInsideTheIndexInTokenOrder()
    {
        Run("CREATE TABLE pg (p int, c int, v int, PRIMARY KEY (p, c))");
        Run("CREATE INDEX ON pg (v)");
        for (int p = 0; p < 10; p++)
            for (int c = 0; c < 3; c++) Run($"INSERT INTO pg (p, c, v) VALUES ({p}, {c}, 1)");
        var all = Rows("SELECT p, c FROM pg WHERE v = 1").Select(r => ((int)CqlType.Int.Compose(r[0]!)!, (int)CqlType.Int.Compose(r[1]!)!)).ToList();
        Assert.Equal(30, all.Count);
        var paged = new List<(int, int)>();
        byte[]? state = null;
        do
        {
            var result = (RowsResultMessage)Run("SELECT p, c FROM pg WHERE v = 1", new QueryOptions { PageSize = 4, PagingState = state });
            paged.AddRange(result.Rows.Select(r => ((int)CqlType.Int.Compose(r[0]!)!, (int)CqlType.Int.Compose(r[1]!)!)));
            state = result.Metadata.PagingState;
        }
        while (state is not null);
        Assert.Equal(all, paged);
        var tokens = all.Select(r => Murmur3Partitioner.GetToken(CqlType.Int.Decompose(r.Item1)).Value).ToList();
        Assert.Equal(tokens.Order(), tokens);
    }

    [Fact]
    public void StorageAttachedIndexesCombineAndRange()
    {
        Run("CREATE TABLE s (id int PRIMARY KEY, age int, city text)");
        Run("CREATE CUSTOM INDEX ON s (age) USING 'StorageAttachedIndex'");
        Run("CREATE INDEX ON s (city) USING 'sai'");
        for (int i = 0; i < 20; i++) Run($"INSERT INTO s (id, age, city) VALUES ({i}, {i}, '{(i % 2 == 0 ? "a" : "b")}')");
        Assert.Equal([16, 17, 18, 19], Ints("SELECT id FROM s WHERE age > 15"));
        Assert.Equal([12, 14], Ints("SELECT id FROM s WHERE age >= 11 AND age < 16 AND city = 'a'"));
        var index = Table("s").Indexes.Single(i => i.Name == "s_age_idx");
        Assert.Equal(IndexKind.Custom, index.Kind);
        Assert.Equal(IndexMetadata.StorageAttachedIndexClass, index.Options["class_name"]);
        Assert.StartsWith("Unable to find custom indexer class", Error("CREATE CUSTOM INDEX ON s (city) USING 'com.example.Nope'"));
    }

    /// <summary>Counts the reads each table receives, to check what an index query touches.</summary>
    private sealed class CountingStore(IReplicaStore inner) : IReplicaStore
    {
        private readonly Dictionary<Guid, (int Range, int Single)> _reads = [];
        private readonly Lock _lock = new();

        public void Reset()
        {
            lock (_lock) _reads.Clear();
        }

        public int RangeReads(Guid table)
        {
            lock (_lock) return _reads.GetValueOrDefault(table).Range;
        }

        public int SinglePartitionReads(Guid table)
        {
            lock (_lock) return _reads.GetValueOrDefault(table).Single;
        }

        public void CreateTable(Guid tableId, ClusteringComparator comparator) => inner.CreateTable(tableId, comparator);

        public void DropTable(Guid tableId) => inner.DropTable(tableId);

        public void Truncate(Guid tableId) => inner.Truncate(tableId);

        public ValueTask ApplyAsync(Mutation mutation, CancellationToken cancellationToken = default) => inner.ApplyAsync(mutation, cancellationToken);

        public IReadOnlyList<PartitionData> Read(ReadCommand command, ReadMetrics? metrics = null)
        {
            lock (_lock)
            {
                var (range, single) = _reads.GetValueOrDefault(command.TableId);
                _reads[command.TableId] = command is PartitionRangeReadCommand ? (range + 1, single) : (range, single + 1);
            }
            return inner.Read(command, metrics);
        }
    }
}
