using Sibyl.Cql.Syntax;
using static Sibyl.Cql.Tests.Syntax.ParserTestHelpers;

namespace Sibyl.Cql.Tests.Syntax;

public class SchemaTests
{
    [Fact]
    public void CreateKeyspace()
    {
        var ks = Parse<RawCreateKeyspaceStatement>(
            "CREATE KEYSPACE IF NOT EXISTS Ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1} AND durable_writes = false");
        Assert.Equal("ks", ks.Keyspace);
        Assert.True(ks.IfNotExists);
        Assert.Equal(2, ks.Properties.Count);
        Assert.Equal(new RawProperty("replication", new RawMapLiteral(L(
            new RawMapEntry(Str("class"), Str("SimpleStrategy")),
            new RawMapEntry(Str("replication_factor"), Int(1))))), ks.Properties[0]);
        Assert.Equal(new RawProperty("durable_writes", new RawLiteral(LiteralKind.Boolean, "false")), ks.Properties[1]);
    }

    [Theory]
    [InlineData("CREATE SCHEMA s WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}")]
    [InlineData("create keyspace \"Ks\" with REPLICATION = {'class' : 'SimpleStrategy', 'replication_factor' : '1'};")]
    public void CreateKeyspaceVariants(string cql)
    {
        Assert.NotEmpty(Parse<RawCreateKeyspaceStatement>(cql).Properties);
    }

    [Fact]
    public void AlterAndDropKeyspace()
    {
        var alter = Parse<RawAlterKeyspaceStatement>("ALTER KEYSPACE IF EXISTS ks WITH durable_writes = true");
        Assert.Equal(new RawAlterKeyspaceStatement("ks", true, L(new RawProperty("durable_writes", new RawLiteral(LiteralKind.Boolean, "true")))), alter);
        Assert.Equal(new RawDropKeyspaceStatement("ks", true), Parse<RawDropKeyspaceStatement>("DROP KEYSPACE IF EXISTS ks"));
        Assert.Equal(new RawDropKeyspaceStatement("Ks", false), Parse<RawDropKeyspaceStatement>("DROP SCHEMA \"Ks\""));
    }

    [Theory]
    [InlineData("CREATE KEYSPACE ks WITH a = 1 AND a = 2", "Multiple definition for property a")]
    [InlineData("CREATE KEYSPACE ks WITH replication = {'class': 'x', 'class': 'y'}", "Multiple definition for property class")]
    [InlineData("CREATE KEYSPACE ks WITH replication = {'class': ?}", "Invalid property value: ? for property: 'class' (bind variables are not supported in DDL queries)")]
    [InlineData("CREATE KEYSPACE ks WITH replication = {[1]: 'x'}", "Invalid property name: [1]")]
    public void RefusesBadProperties(string cql, string message)
    {
        Assert.Equal(message, Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(cql)).Message);
    }

    [Fact]
    public void CreateTableWithCompositeKey()
    {
        var table = Parse<RawCreateTableStatement>(
            "CREATE TABLE IF NOT EXISTS ks.t (a int, b text, c timeuuid, d frozen<list<int>>, s int STATIC, v map<text, int>, " +
            "PRIMARY KEY ((a, b), c, d)) WITH CLUSTERING ORDER BY (c DESC, d ASC) AND comment = 'hi' AND gc_grace_seconds = 10 " +
            "AND compaction = {'class': 'LeveledCompactionStrategy'}");
        Assert.Equal(Q("ks", "t"), table.Table);
        Assert.True(table.IfNotExists);
        Assert.Equal(L("a", "b"), table.PartitionKey);
        Assert.Equal(L("c", "d"), table.ClusteringColumns);
        Assert.Equal(1, table.PrimaryKeyDeclarations);
        Assert.Equal(6, table.Columns.Count);
        Assert.Equal(new RawColumnDefinition("d", new RawFrozenType(new RawListType(Native("int"))), false), table.Columns[3]);
        Assert.Equal(new RawColumnDefinition("s", Native("int"), true), table.Columns[4]);
        Assert.Equal(L(new RawClusteringOrder("c", false), new RawClusteringOrder("d", true)), table.ClusteringOrder);
        Assert.Equal(["comment", "gc_grace_seconds", "compaction"], table.Properties.Select(p => p.Name));
        Assert.False(table.CompactStorage);
    }

    [Fact]
    public void CreateTableWithInlinePrimaryKey()
    {
        var table = Parse<RawCreateTableStatement>("CREATE TABLE t (k int PRIMARY KEY, v text,)");
        Assert.Equal(L("k"), table.PartitionKey);
        Assert.Empty(table.ClusteringColumns);
        Assert.Equal(2, table.Columns.Count);
    }

    [Fact]
    public void CreateTableRecordsRepeatedPrimaryKeys()
    {
        var table = Parse<RawCreateTableStatement>("CREATE TABLE t (k int PRIMARY KEY, v text, PRIMARY KEY (v))");
        Assert.Equal(2, table.PrimaryKeyDeclarations);
        Assert.Equal(L("k"), table.PartitionKey);
    }

    [Theory]
    [InlineData("CREATE COLUMNFAMILY t (k int, PRIMARY KEY (k)) WITH COMPACT STORAGE", true)]
    [InlineData("CREATE TABLE t (k int, c int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE AND CLUSTERING ORDER BY (c DESC)", true)]
    [InlineData("CREATE TABLE t (key int, value text, type int, ttl int, count int, list int, map int, keys int, date int, timestamp int, PRIMARY KEY (key))", false)]
    [InlineData("CREATE TABLE t (k int PRIMARY KEY, \"Quoted Col\" text, u frozen<ks.udt>, tu tuple<int, text>, ve vector<float, 3>, cu 'org.apache.cassandra.db.marshal.BytesType')", false)]
    public void CreateTableVariants(string cql, bool compact)
    {
        Assert.Equal(compact, Parse<RawCreateTableStatement>(cql).CompactStorage);
    }

    [Fact]
    public void KeywordPropertyValue()
    {
        var table = Parse<RawCreateTableStatement>("CREATE TABLE t (k int PRIMARY KEY) WITH caching = keys AND speculative_retry = '99p' AND bloom_filter_fp_chance = 0.01");
        Assert.Equal(new RawLiteral(LiteralKind.Keyword, "keys"), table.Properties[0].Value);
        Assert.Equal(new RawLiteral(LiteralKind.Float, "0.01"), table.Properties[2].Value);
    }

    [Theory]
    [InlineData("ALTER TABLE t ALTER v TYPE blob", AlterTableKind.AlterColumnType)]
    [InlineData("ALTER TABLE t ADD v int", AlterTableKind.AddColumns)]
    [InlineData("ALTER TABLE t ADD IF NOT EXISTS (v int, w list<text> static)", AlterTableKind.AddColumns)]
    [InlineData("ALTER TABLE t DROP v", AlterTableKind.DropColumns)]
    [InlineData("ALTER TABLE IF EXISTS t DROP IF EXISTS (v, w) USING TIMESTAMP 123", AlterTableKind.DropColumns)]
    [InlineData("ALTER TABLE t DROP COMPACT STORAGE", AlterTableKind.DropCompactStorage)]
    [InlineData("ALTER TABLE t RENAME a TO b", AlterTableKind.RenameColumns)]
    [InlineData("ALTER TABLE t RENAME IF EXISTS a TO b AND c TO d", AlterTableKind.RenameColumns)]
    [InlineData("ALTER TABLE t WITH comment = 'x' AND default_time_to_live = 5", AlterTableKind.WithProperties)]
    [InlineData("ALTER COLUMNFAMILY ks.t WITH comment = ''", AlterTableKind.WithProperties)]
    public void AlterTableKinds(string cql, AlterTableKind kind)
    {
        Assert.Equal(kind, Parse<RawAlterTableStatement>(cql).Kind);
    }

    [Fact]
    public void AlterTableDetails()
    {
        var drop = Parse<RawAlterTableStatement>("ALTER TABLE IF EXISTS ks.t DROP IF EXISTS (v, w) USING TIMESTAMP 123");
        Assert.True(drop.IfExists);
        Assert.True(drop.IfColumnExists);
        Assert.Equal(L("v", "w"), drop.DroppedColumns);
        Assert.Equal(123L, drop.DropTimestamp);

        var add = Parse<RawAlterTableStatement>("ALTER TABLE t ADD IF NOT EXISTS (v int, w list<text> static)");
        Assert.True(add.IfColumnNotExists);
        Assert.Equal(L(new RawColumnDefinition("v", Native("int"), false), new RawColumnDefinition("w", new RawListType(Native("text")), true)), add.AddedColumns);

        var rename = Parse<RawAlterTableStatement>("ALTER TABLE t RENAME a TO b AND \"C\" TO d");
        Assert.Equal(L(new RawRename("a", "b"), new RawRename("C", "d")), rename.Renames);

        var alter = Parse<RawAlterTableStatement>("ALTER TABLE t ALTER v TYPE blob");
        Assert.Equal("v", alter.AlteredColumn);
        Assert.Equal(Native("blob"), alter.NewType);
    }

    [Fact]
    public void DropTableAndTruncate()
    {
        Assert.Equal(new RawDropTableStatement(Q("ks", "t"), true), Parse<RawDropTableStatement>("DROP TABLE IF EXISTS ks.t"));
        Assert.Equal(new RawDropTableStatement(Q("t"), false), Parse<RawDropTableStatement>("DROP COLUMNFAMILY t"));
        Assert.Equal(new RawTruncateStatement(Q("t")), Parse<RawTruncateStatement>("TRUNCATE t"));
        Assert.Equal(new RawTruncateStatement(Q("ks", "t")), Parse<RawTruncateStatement>("TRUNCATE TABLE ks.t"));
        Assert.Equal(new RawUseStatement("Ks"), Parse<RawUseStatement>("USE \"Ks\""));
        Assert.Equal(new RawUseStatement("ks"), Parse<RawUseStatement>("use KS;"));
    }

    [Fact]
    public void CreateType()
    {
        var type = Parse<RawCreateTypeStatement>("CREATE TYPE IF NOT EXISTS ks.address (street text, zip int, tags frozen<set<text>>, )");
        Assert.Equal(Q("ks", "address"), type.Type);
        Assert.True(type.IfNotExists);
        Assert.Equal(L(new RawFieldDefinition("street", Native("text")), new RawFieldDefinition("zip", Native("int")),
            new RawFieldDefinition("tags", new RawFrozenType(new RawSetType(Native("text"))))), type.Fields);
    }

    [Theory]
    [InlineData("CREATE TYPE int (a int)")]
    [InlineData("CREATE TYPE byte (a int)")]
    [InlineData("CREATE TYPE ks.text (a int)")]
    [InlineData("CREATE TYPE t ()")]
    public void RejectsBadTypeNames(string cql)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(cql));
    }

    [Fact]
    public void AlterAndDropType()
    {
        var add = Parse<RawAlterTypeStatement>("ALTER TYPE ks.a ADD IF NOT EXISTS f int");
        Assert.Equal(AlterTypeKind.AddField, add.Kind);
        Assert.True(add.IfFieldNotExists);
        Assert.Equal(new RawFieldDefinition("f", Native("int")), add.Field);
        var rename = Parse<RawAlterTypeStatement>("ALTER TYPE IF EXISTS a RENAME IF EXISTS f TO g AND h TO i");
        Assert.True(rename.IfExists);
        Assert.True(rename.IfFieldExists);
        Assert.Equal(L(new RawRename("f", "g"), new RawRename("h", "i")), rename.Renames);
        Assert.Equal(AlterTypeKind.AlterFieldType, Parse<RawAlterTypeStatement>("ALTER TYPE a ALTER f TYPE text").Kind);
        Assert.Equal(new RawDropTypeStatement(Q("ks", "a"), true), Parse<RawDropTypeStatement>("DROP TYPE IF EXISTS ks.a"));
    }

    [Theory]
    [InlineData("CREATE INDEX ON t (v)", null, IndexTargetKind.Simple)]
    [InlineData("CREATE INDEX idx ON ks.t (v)", "idx", IndexTargetKind.Simple)]
    [InlineData("CREATE INDEX IF NOT EXISTS idx ON t (keys(m))", "idx", IndexTargetKind.Keys)]
    [InlineData("CREATE INDEX ON t (values(m))", null, IndexTargetKind.Values)]
    [InlineData("CREATE INDEX ON t (entries(m))", null, IndexTargetKind.Entries)]
    [InlineData("CREATE INDEX ON t (full(l))", null, IndexTargetKind.Full)]
    [InlineData("CREATE INDEX ON t (values)", null, IndexTargetKind.Simple)]
    [InlineData("CREATE INDEX \"Idx\" ON t (\"V\")", "Idx", IndexTargetKind.Simple)]
    public void CreateIndex(string cql, string? name, IndexTargetKind kind)
    {
        var index = Parse<RawCreateIndexStatement>(cql);
        Assert.Equal(name, index.Name);
        Assert.Equal(kind, Assert.Single(index.Targets).Kind);
        Assert.False(index.IsCustom);
    }

    [Fact]
    public void CreateCustomIndex()
    {
        var index = Parse<RawCreateIndexStatement>(
            "CREATE CUSTOM INDEX IF NOT EXISTS ann ON t (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'cosine'}");
        Assert.True(index.IsCustom);
        Assert.True(index.IfNotExists);
        Assert.Equal("ann", index.Name);
        Assert.Equal("StorageAttachedIndex", index.CustomClass);
        Assert.Equal("options", Assert.Single(index.Properties).Name);
    }

    [Fact]
    public void DropIndex()
    {
        Assert.Equal(new RawDropIndexStatement(Q("ks", "idx"), true), Parse<RawDropIndexStatement>("DROP INDEX IF EXISTS ks.idx"));
    }

    [Fact]
    public void CreateMaterializedView()
    {
        var view = Parse<RawCreateViewStatement>(
            "CREATE MATERIALIZED VIEW IF NOT EXISTS ks.v AS SELECT a, b, c FROM ks.t WHERE a IS NOT NULL AND b IS NOT NULL AND c IS NOT NULL " +
            "PRIMARY KEY ((b, a), c) WITH CLUSTERING ORDER BY (c DESC) AND comment = 'v'");
        Assert.Equal(Q("ks", "v"), view.View);
        Assert.Equal(Q("ks", "t"), view.BaseTable);
        Assert.True(view.IfNotExists);
        Assert.Equal(3, view.Selectors.Count);
        Assert.Equal(L("b", "a"), view.PartitionKey);
        Assert.Equal(L("c"), view.ClusteringColumns);
        Assert.Equal(L(new RawClusteringOrder("c", false)), view.ClusteringOrder);
        Assert.Equal("a IS NOT null AND b IS NOT null AND c IS NOT null", view.WhereClauseCql);
        Assert.Equal("comment", Assert.Single(view.Properties).Name);
    }

    [Fact]
    public void MaterializedViewVariants()
    {
        var star = Parse<RawCreateViewStatement>("CREATE MATERIALIZED VIEW v AS SELECT * FROM t PRIMARY KEY (k)");
        Assert.Empty(star.Selectors);
        Assert.Empty(star.Where);
        var ex = Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse("CREATE MATERIALIZED VIEW v AS SELECT * FROM t WHERE k IS NOT NULL PRIMARY KEY (k) WITH COMPACT STORAGE"));
        Assert.Equal("COMPACT STORAGE tables are not allowed starting with version 4.0", ex.Message);
        Assert.Equal(new RawAlterViewStatement(Q("ks", "v"), true, L(new RawProperty("comment", Str("x")))), Parse<RawAlterViewStatement>("ALTER MATERIALIZED VIEW IF EXISTS ks.v WITH comment = 'x'"));
        Assert.Equal(new RawDropViewStatement(Q("v"), false), Parse<RawDropViewStatement>("DROP MATERIALIZED VIEW v"));
    }

    [Fact]
    public void Triggers()
    {
        Assert.Equal(new RawCreateTriggerStatement(Q("ks", "t"), "trig", "org.Trigger", true),
            Parse<RawCreateTriggerStatement>("CREATE TRIGGER IF NOT EXISTS trig ON ks.t USING 'org.Trigger'"));
        Assert.Equal(new RawDropTriggerStatement(Q("t"), "trig", true), Parse<RawDropTriggerStatement>("DROP TRIGGER IF EXISTS trig ON t"));
    }

    [Fact]
    public void CreateFunction()
    {
        var fn = Parse<RawCreateFunctionStatement>(
            "CREATE OR REPLACE FUNCTION ks.fLog (input double) CALLED ON NULL INPUT RETURNS double LANGUAGE java AS $$ return Double.valueOf(Math.log(input.doubleValue())); $$");
        Assert.Equal(new FunctionName("ks", "flog"), fn.Name);
        Assert.True(fn.OrReplace);
        Assert.False(fn.IfNotExists);
        Assert.Equal(L(new RawFunctionArgument("input", Native("double"))), fn.Arguments);
        Assert.True(fn.CalledOnNullInput);
        Assert.Equal(Native("double"), fn.ReturnType);
        Assert.Equal("java", fn.Language);
        Assert.Equal(" return Double.valueOf(Math.log(input.doubleValue())); ", fn.Body);

        var fn2 = Parse<RawCreateFunctionStatement>("CREATE FUNCTION IF NOT EXISTS f() RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE JavaScript AS '1'");
        Assert.False(fn2.CalledOnNullInput);
        Assert.True(fn2.IfNotExists);
        Assert.Empty(fn2.Arguments);
        Assert.Equal("javascript", fn2.Language);
    }

    [Fact]
    public void DropFunctionAndAggregate()
    {
        Assert.Equal(new RawDropFunctionStatement(new FunctionName("ks", "f"), L<RawType>(Native("int"), new RawListType(Native("text"))), true),
            Parse<RawDropFunctionStatement>("DROP FUNCTION IF EXISTS ks.f(int, list<text>)"));
        Assert.Null(Parse<RawDropFunctionStatement>("DROP FUNCTION f").ArgumentTypes);
        Assert.Equal(ValueList<RawType>.Empty, Parse<RawDropFunctionStatement>("DROP FUNCTION f()").ArgumentTypes);
        Assert.Equal(new RawDropAggregateStatement(new FunctionName(null, "agg"), null, false), Parse<RawDropAggregateStatement>("DROP AGGREGATE agg"));
    }

    [Fact]
    public void CreateAggregate()
    {
        var agg = Parse<RawCreateAggregateStatement>(
            "CREATE OR REPLACE AGGREGATE IF NOT EXISTS ks.average(int) SFUNC avgState STYPE tuple<int, bigint> FINALFUNC avgFinal INITCOND (0, 0)");
        Assert.Equal(new FunctionName("ks", "average"), agg.Name);
        Assert.True(agg.OrReplace);
        Assert.True(agg.IfNotExists);
        Assert.Equal(L<RawType>(Native("int")), agg.ArgumentTypes);
        Assert.Equal("avgstate", agg.StateFunction);
        Assert.Equal(new RawTupleType(L<RawType>(Native("int"), Native("bigint"))), agg.StateType);
        Assert.Equal("avgfinal", agg.FinalFunction);
        Assert.Equal(new RawTupleLiteral(L<RawTerm>(Int(0), Int(0))), agg.InitialCondition);
    }

    [Theory]
    [InlineData("CREATE TABLE t (k int PRIMARY KEY) WITH")]
    [InlineData("CREATE TABLE t ()")]
    [InlineData("CREATE TABLE t (k int PRIMARY KEY) WITH CLUSTERING ORDER BY (c)")]
    [InlineData("CREATE TABLE t (select int PRIMARY KEY)")]
    [InlineData("CREATE TABLE t (k list<int> PRIMARY)")]
    [InlineData("CREATE KEYSPACE ks")]
    [InlineData("CREATE KEYSPACE ? WITH a = 1")]
    [InlineData("CREATE TABLE ks.? (k int PRIMARY KEY)")]
    [InlineData("ALTER TABLE t")]
    [InlineData("ALTER TABLE t DROP v USING TIMESTAMP ?")]
    [InlineData("CREATE INDEX ON t")]
    [InlineData("CREATE INDEX ON t (foo(m))")]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE java AS 'x'")]
    [InlineData("CREATE AGGREGATE a(int) STYPE int")]
    [InlineData("DROP")]
    [InlineData("CREATE")]
    [InlineData("CREATE OR REPLACE TABLE t (k int PRIMARY KEY)")]
    public void RejectsMalformedSchemaStatements(string cql)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(cql));
    }
}
