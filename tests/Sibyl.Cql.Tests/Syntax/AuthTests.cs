using Sibyl.Cql.Syntax;
using static Sibyl.Cql.Tests.Syntax.ParserTestHelpers;

namespace Sibyl.Cql.Tests.Syntax;

public class AuthTests
{
    [Fact]
    public void CreateRoleWithOptions()
    {
        var role = Parse<RawCreateRoleStatement>(
            "CREATE ROLE IF NOT EXISTS alice WITH PASSWORD = 'pw' AND LOGIN = true AND SUPERUSER = false AND OPTIONS = {'a': 1} AND ACCESS TO DATACENTERS {'dc1', 'dc2'}");
        Assert.Equal("alice", role.Role);
        Assert.True(role.IfNotExists);
        Assert.False(role.IsUser);
        Assert.Equal("pw", role.Options.Password);
        Assert.True(role.Options.Login);
        Assert.False(role.Options.Superuser);
        Assert.Equal(L(new RawMapEntry(Str("a"), Int(1))), role.Options.Options);
        Assert.Equal(L("dc1", "dc2"), role.Options.Datacenters);
    }

    [Theory]
    [InlineData("CREATE ROLE r", "r")]
    [InlineData("CREATE ROLE 'Mixed Case'", "Mixed Case")]
    [InlineData("CREATE ROLE \"Quoted\"", "Quoted")]
    [InlineData("CREATE ROLE Upper", "upper")]
    [InlineData("CREATE ROLE user", "user")]
    public void RoleNames(string cql, string name)
    {
        Assert.Equal(name, Parse<RawCreateRoleStatement>(cql).Role);
    }

    [Fact]
    public void RoleAccessAndPasswordOptions()
    {
        var all = Parse<RawAlterRoleStatement>("ALTER ROLE IF EXISTS r WITH ACCESS TO ALL DATACENTERS AND ACCESS FROM ALL CIDRS AND HASHED PASSWORD = 'h'");
        Assert.True(all.IfExists);
        Assert.True(all.Options.AllDatacenters);
        Assert.True(all.Options.AllCidrs);
        Assert.Equal("h", all.Options.HashedPassword);
        var cidrs = Parse<RawAlterRoleStatement>("ALTER ROLE r WITH ACCESS FROM CIDRS {'region1'} AND GENERATED PASSWORD");
        Assert.Equal(L("region1"), cidrs.Options.Cidrs);
        Assert.True(cidrs.Options.GeneratedPassword);
        Assert.Equal(RawRoleOptions.None, Parse<RawAlterRoleStatement>("ALTER ROLE r").Options);
    }

    [Theory]
    [InlineData("CREATE ROLE r WITH PASSWORD = 'a' AND HASHED PASSWORD = 'b'", "Options 'password' and 'hashed password' are mutually exclusive")]
    [InlineData("CREATE ROLE r WITH PASSWORD = 'a' AND GENERATED PASSWORD", "Options 'password' and 'generated password' are mutually exclusive")]
    [InlineData("CREATE USER u WITH HASHED PASSWORD 'a'  NOSUPERUSER", null)]
    [InlineData("CREATE USER \"u\"", "Quoted strings are are not supported for user names and USER is deprecated, please use ROLE")]
    [InlineData("CREATE ROLE ?", "Bind variables cannot be used for role names")]
    public void RoleOptionErrors(string cql, string? message)
    {
        if (message is null)
        {
            CqlParser.Parse(cql);
            return;
        }
        Assert.Equal(message, Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(cql)).Message);
    }

    [Fact]
    public void Users()
    {
        var create = Parse<RawCreateRoleStatement>("CREATE USER IF NOT EXISTS Bob WITH PASSWORD 'pw' SUPERUSER");
        Assert.Equal("Bob", create.Role);
        Assert.True(create.IsUser);
        Assert.True(create.Options.Login);
        Assert.True(create.Options.Superuser);
        Assert.Equal("pw", create.Options.Password);
        var plain = Parse<RawCreateRoleStatement>("CREATE USER 'carol'");
        Assert.False(plain.Options.Superuser);
        var alter = Parse<RawAlterRoleStatement>("ALTER USER bob NOSUPERUSER");
        Assert.False(alter.Options.Superuser);
        Assert.True(alter.IsUser);
        Assert.Equal(new RawDropRoleStatement("bob", true, true), Parse<RawDropRoleStatement>("DROP USER IF EXISTS bob"));
        Assert.Equal(new RawDropRoleStatement("r", false, false), Parse<RawDropRoleStatement>("DROP ROLE r"));
    }

    [Theory]
    [InlineData("GRANT SELECT ON KEYSPACE ks TO r", ResourceKind.Keyspace)]
    [InlineData("GRANT ALL ON ALL KEYSPACES TO r", ResourceKind.AllKeyspaces)]
    [InlineData("GRANT ALL PERMISSIONS ON TABLE ks.t TO r", ResourceKind.Table)]
    [InlineData("GRANT MODIFY ON ks.t TO r", ResourceKind.Table)]
    [InlineData("GRANT SELECT, MODIFY PERMISSION ON t TO r", ResourceKind.Table)]
    [InlineData("GRANT ALTER ON ALL ROLES TO r", ResourceKind.AllRoles)]
    [InlineData("GRANT AUTHORIZE ON ROLE other TO r", ResourceKind.Role)]
    [InlineData("GRANT EXECUTE ON ALL FUNCTIONS TO r", ResourceKind.AllFunctions)]
    [InlineData("GRANT EXECUTE ON ALL FUNCTIONS IN KEYSPACE ks TO r", ResourceKind.AllFunctionsInKeyspace)]
    [InlineData("GRANT EXECUTE ON FUNCTION ks.f(int, text) TO r", ResourceKind.Function)]
    [InlineData("GRANT DESCRIBE ON ALL MBEANS TO r", ResourceKind.AllMBeans)]
    [InlineData("GRANT SELECT ON MBEAN 'org.apache:type=X' TO r", ResourceKind.MBean)]
    [InlineData("GRANT SELECT ON MBEANS 'org.apache:type=*' TO r", ResourceKind.MBeans)]
    [InlineData("GRANT UNMASK ON TABLE t TO r", ResourceKind.Table)]
    [InlineData("GRANT SELECT_MASKED ON KEYSPACE ks TO r", ResourceKind.Keyspace)]
    [InlineData("GRANT SELECT ON ALL TABLES IN KEYSPACE ks TO r", ResourceKind.AllTablesInKeyspace)]
    public void GrantPermissions(string cql, ResourceKind kind)
    {
        var grant = Parse<RawGrantPermissionsStatement>(cql);
        Assert.Equal(kind, grant.Resource.Kind);
        Assert.Equal("r", grant.Grantee);
    }

    [Fact]
    public void PermissionDetails()
    {
        var grant = Parse<RawGrantPermissionsStatement>("GRANT SELECT, MODIFY PERMISSION ON ks.t TO 'Bob'");
        Assert.Equal(new RawPermissionSet(false, L("SELECT", "MODIFY")), grant.Permissions);
        Assert.Equal(new RawResource(ResourceKind.Table, "ks", "t"), grant.Resource);
        Assert.Equal("Bob", grant.Grantee);
        var fn = Parse<RawRevokePermissionsStatement>("REVOKE EXECUTE ON FUNCTION ks.f(int) FROM r");
        Assert.Equal(new RawResource(ResourceKind.Function, "ks", "f", L<RawType>(Native("int"))), fn.Resource);
        Assert.True(Parse<RawRevokePermissionsStatement>("REVOKE ALL ON KEYSPACE ks FROM r").Permissions.IsAll);
    }

    [Fact]
    public void GrantAndRevokeRoles()
    {
        Assert.Equal(new RawGrantRoleStatement("a", "b"), Parse<RawGrantRoleStatement>("GRANT a TO b"));
        Assert.Equal(new RawRevokeRoleStatement("a", "B"), Parse<RawRevokeRoleStatement>("REVOKE a FROM 'B'"));
    }

    [Fact]
    public void ListStatements()
    {
        Assert.Equal(new RawListRolesStatement(null, true, false, false), Parse<RawListRolesStatement>("LIST ROLES"));
        Assert.Equal(new RawListRolesStatement("r", false, false, false), Parse<RawListRolesStatement>("LIST ROLES OF r NORECURSIVE"));
        Assert.True(Parse<RawListRolesStatement>("LIST USERS").UsersOnly);
        Assert.True(Parse<RawListRolesStatement>("LIST SUPERUSERS").SuperusersOnly);
        var all = Parse<RawListPermissionsStatement>("LIST ALL PERMISSIONS");
        Assert.True(all.Permissions.IsAll);
        Assert.Null(all.Resource);
        var some = Parse<RawListPermissionsStatement>("LIST SELECT ON KEYSPACE ks OF r NORECURSIVE");
        Assert.Equal(new RawListPermissionsStatement(new RawPermissionSet(false, L("SELECT")), new RawResource(ResourceKind.Keyspace, "ks"), "r", false), some);
        Assert.Equal("r", Parse<RawListPermissionsStatement>("LIST ALL OF r").Of);
    }

    [Theory]
    [InlineData("GRANT SELECT ON KEYSPACE ks")]
    [InlineData("GRANT FLY ON KEYSPACE ks TO r")]
    [InlineData("REVOKE SELECT ON KEYSPACE ks TO r")]
    [InlineData("LIST")]
    [InlineData("CREATE ROLE r WITH LOGIN = 'yes'")]
    [InlineData("CREATE ROLE r WITH NOPE = 1")]
    public void RejectsMalformedAuthStatements(string cql)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(cql));
    }
}
