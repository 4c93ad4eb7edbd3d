using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

public class ColumnMaskTests
{
    [Fact]
    public void CreateTableWithMasks()
    {
        var table = Assert.IsType<RawCreateTableStatement>(CqlParser.Parse(
            "CREATE TABLE t (k int PRIMARY KEY, a text MASKED WITH DEFAULT, b text MASKED WITH mask_inner(1, null), s int STATIC MASKED WITH system.mask_null())").Statement);
        Assert.Null(table.Columns[0].Mask);
        Assert.Equal(RawColumnMask.Default, table.Columns[1].Mask);
        Assert.Equal("MASKED WITH mask_inner(1, null)", table.Columns[2].Mask!.ToCql());
        Assert.Equal(new FunctionName("system", "mask_null"), table.Columns[3].Mask!.Function);
        Assert.True(table.Columns[3].IsStatic);
    }

    [Fact]
    public void AlterTableMasks()
    {
        var alter = Assert.IsType<RawAlterTableStatement>(CqlParser.Parse("ALTER TABLE t ALTER IF EXISTS v MASKED WITH mask_default()").Statement);
        Assert.Equal(AlterTableKind.AlterColumnMask, alter.Kind);
        Assert.True(alter.IfColumnExists);
        Assert.Equal("v", alter.AlteredColumn);
        Assert.Equal(new FunctionName(null, "mask_default"), alter.NewMask!.Function);

        var drop = Assert.IsType<RawAlterTableStatement>(CqlParser.Parse("ALTER TABLE t ALTER v DROP MASKED").Statement);
        Assert.Equal(AlterTableKind.AlterColumnMask, drop.Kind);
        Assert.Null(drop.NewMask);

        var add = Assert.IsType<RawAlterTableStatement>(CqlParser.Parse("ALTER TABLE t ADD (a int MASKED WITH DEFAULT, b int)").Statement);
        Assert.Equal(RawColumnMask.Default, add.AddedColumns[0].Mask);
        Assert.Null(add.AddedColumns[1].Mask);
    }

    [Theory]
    [InlineData("ALTER TABLE t ALTER v")]
    [InlineData("ALTER TABLE t ALTER IF EXISTS v TYPE int")]
    [InlineData("CREATE TABLE t (k int PRIMARY KEY, a text MASKED)")]
    [InlineData("CREATE TABLE t (k int PRIMARY KEY, a text MASKED WITH f)")]
    public void RejectsMalformedMasks(string cql)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(cql));
    }
}
