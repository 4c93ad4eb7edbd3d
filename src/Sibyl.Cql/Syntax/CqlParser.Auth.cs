namespace Sibyl.Cql.Syntax;

// Role, user and permission statements.
public sealed partial class CqlParser
{
    private static readonly string[] PermissionWords =
        ["create", "alter", "drop", "select", "modify", "authorize", "describe", "execute", "unmask", "select_masked"];

    private RawCreateRoleStatement CreateRole()
    {
        ExpectWord("role");
        var ifNotExists = AcceptIfNotExists();
        var name = RoleName();
        var options = AcceptWord("with") ? RoleOptions() : RawRoleOptions.None;
        return new RawCreateRoleStatement(name, ifNotExists, options, IsUser: false);
    }

    private RawAlterRoleStatement AlterRole()
    {
        ExpectWord("role");
        var ifExists = AcceptIfExists();
        var name = RoleName();
        var options = AcceptWord("with") ? RoleOptions() : RawRoleOptions.None;
        return new RawAlterRoleStatement(name, ifExists, options, IsUser: false);
    }

    private RawRoleOptions RoleOptions()
    {
        var options = RawRoleOptions.None;
        do
        {
            options = RoleOption(options);
        }
        while (AcceptWord("and"));
        CheckPasswordOptions(options);
        return options;
    }

    private RawRoleOptions RoleOption(RawRoleOptions o)
    {
        if (AcceptWord("password"))
        {
            Expect(TokenKind.Eq);
            return o with { Password = StringLiteral() };
        }
        if (AcceptWord("generated"))
        {
            ExpectWord("password");
            return o with { GeneratedPassword = true };
        }
        if (AcceptWord("hashed"))
        {
            ExpectWord("password");
            Expect(TokenKind.Eq);
            return o with { HashedPassword = StringLiteral() };
        }
        if (AcceptWord("options"))
        {
            Expect(TokenKind.Eq);
            var map = FullMapLiteral();
            foreach (var entry in map.Entries)
            {
                if (entry.Key is not RawLiteral)
                    throw Recognition("Invalid property name: " + entry.Key.ToCql() + BindSuffix(entry.Key));
                if (entry.Value is not RawLiteral)
                    throw Recognition("Invalid property value: " + entry.Value.ToCql() + " for property: " + entry.Key.ToCql() + BindSuffix(entry.Value));
            }
            return o with { Options = map.Entries };
        }
        if (AcceptWord("superuser"))
        {
            Expect(TokenKind.Eq);
            return o with { Superuser = Expect(TokenKind.Boolean).Value == "true" };
        }
        if (AcceptWord("login"))
        {
            Expect(TokenKind.Eq);
            return o with { Login = Expect(TokenKind.Boolean).Value == "true" };
        }
        if (AcceptWord("access"))
        {
            if (AcceptWord("to"))
            {
                if (AcceptWord("all"))
                {
                    ExpectWord("datacenters");
                    return o with { AllDatacenters = true };
                }
                ExpectWord("datacenters");
                return o with { Datacenters = StringSet() };
            }
            ExpectWord("from");
            if (AcceptWord("all"))
            {
                ExpectWord("cidrs");
                return o with { AllCidrs = true };
            }
            ExpectWord("cidrs");
            return o with { Cidrs = StringSet() };
        }
        throw NoViable();
    }

    private ValueList<string> StringSet()
    {
        Expect(TokenKind.LBrace);
        var list = new List<string> { StringLiteral() };
        while (Accept(TokenKind.Comma))
            list.Add(StringLiteral());
        Expect(TokenKind.RBrace);
        return ValueList.From(list);
    }

    private void CheckPasswordOptions(RawRoleOptions o)
    {
        if (o.Password is not null && o.HashedPassword is not null)
            throw Recognition("Options 'password' and 'hashed password' are mutually exclusive");
        if (o.Password is not null && o.GeneratedPassword)
            throw Recognition("Options 'password' and 'generated password' are mutually exclusive");
        if (o.HashedPassword is not null && o.GeneratedPassword)
            throw Recognition("Options 'hashed password' and 'generated password' are mutually exclusive");
    }

    /// <summary>username: IDENT | STRING_LITERAL (case kept); quoted names are refused.</summary>
    private string UserName()
    {
        var t = Current;
        if (t.Kind == TokenKind.QuotedName)
            throw Recognition("Quoted strings are are not supported for user names and USER is deprecated, please use ROLE");
        if (t.Kind == TokenKind.String)
        {
            _pos++;
            return t.Value;
        }
        if (t.Kind == TokenKind.Identifier && !CqlKeywords.All.Contains(t.Value))
        {
            _pos++;
            return TokenText(t);
        }
        throw NoViable();
    }

    private RawCreateRoleStatement CreateUser()
    {
        ExpectWord("user");
        var ifNotExists = AcceptIfNotExists();
        var name = UserName();
        var options = UserOptions() with { Login = true };
        options = options with { Superuser = options.Superuser ?? false };
        return new RawCreateRoleStatement(name, ifNotExists, options, IsUser: true);
    }

    private RawAlterRoleStatement AlterUser()
    {
        ExpectWord("user");
        var ifExists = AcceptIfExists();
        var name = UserName();
        return new RawAlterRoleStatement(name, ifExists, UserOptions(), IsUser: true);
    }

    /// <summary>[WITH (PASSWORD s | HASHED PASSWORD s | GENERATED PASSWORD)] [SUPERUSER | NOSUPERUSER] (no '=' here).</summary>
    private RawRoleOptions UserOptions()
    {
        var o = RawRoleOptions.None;
        if (AcceptWord("with"))
        {
            if (AcceptWord("password"))
            {
                o = o with { Password = StringLiteral() };
            }
            else if (AcceptWord("hashed"))
            {
                ExpectWord("password");
                o = o with { HashedPassword = StringLiteral() };
            }
            else if (AcceptWord("generated"))
            {
                ExpectWord("password");
                o = o with { GeneratedPassword = true };
            }
            else
            {
                throw NoViable();
            }
        }
        if (AcceptWord("superuser"))
            o = o with { Superuser = true };
        else if (AcceptWord("nosuperuser"))
            o = o with { Superuser = false };
        CheckPasswordOptions(o);
        return o;
    }

    // ---- GRANT / REVOKE / LIST ----

    private bool IsPermissionsStart()
    {
        var t = Current;
        if (t.Kind != TokenKind.Identifier)
            return false;
        if (t.Value == "all")
        {
            var next = PeekToken(1);
            return next.IsWord("permissions") || next.IsWord("on") || next.IsWord("of") || next.IsWord("norecursive") || next.Kind is TokenKind.Eof or TokenKind.Semicolon;
        }
        return Array.IndexOf(PermissionWords, t.Value) >= 0
            && (CqlKeywords.IsReserved(t.Value) || PeekToken(1).IsWord("on") || PeekToken(1).IsWord("permission") || PeekToken(1).Kind == TokenKind.Comma);
    }

    private RawStatement GrantStatement()
    {
        ExpectWord("grant");
        if (IsPermissionsStart())
        {
            var permissions = PermissionOrAll();
            ExpectWord("on");
            var resource = Resource();
            ExpectWord("to");
            return new RawGrantPermissionsStatement(permissions, resource, RoleName());
        }
        var role = RoleName();
        ExpectWord("to");
        return new RawGrantRoleStatement(role, RoleName());
    }

    private RawStatement RevokeStatement()
    {
        ExpectWord("revoke");
        if (IsPermissionsStart())
        {
            var permissions = PermissionOrAll();
            ExpectWord("on");
            var resource = Resource();
            ExpectWord("from");
            return new RawRevokePermissionsStatement(permissions, resource, RoleName());
        }
        var role = RoleName();
        ExpectWord("from");
        return new RawRevokeRoleStatement(role, RoleName());
    }

    private RawStatement ListStatement()
    {
        ExpectWord("list");
        if (AcceptWord("roles"))
        {
            string? of = null;
            if (AcceptWord("of"))
                of = RoleName();
            var recursive = !AcceptWord("norecursive");
            return new RawListRolesStatement(of, recursive, UsersOnly: false, SuperusersOnly: false);
        }
        if (AcceptWord("users"))
            return new RawListRolesStatement(null, true, UsersOnly: true, SuperusersOnly: false);
        if (AcceptWord("superusers"))
            return new RawListRolesStatement(null, true, UsersOnly: false, SuperusersOnly: true);

        var permissions = PermissionOrAll();
        RawResource? resource = null;
        if (AcceptWord("on"))
            resource = Resource();
        string? grantee = null;
        if (AcceptWord("of"))
            grantee = RoleName();
        var rec = !AcceptWord("norecursive");
        return new RawListPermissionsStatement(permissions, resource, grantee, rec);
    }

    private RawPermissionSet PermissionOrAll()
    {
        if (AcceptWord("all"))
        {
            AcceptWord("permissions");
            return new RawPermissionSet(true, ValueList<string>.Empty);
        }
        var list = new List<string>();
        do
        {
            var t = Current;
            if (t.Kind != TokenKind.Identifier || Array.IndexOf(PermissionWords, t.Value) < 0)
                throw NoViable();
            _pos++;
            var permission = t.Value.ToUpperInvariant();
            if (!list.Contains(permission))
                list.Add(permission);
            AcceptWord("permission");
        }
        while (Accept(TokenKind.Comma));
        return new RawPermissionSet(false, ValueList.From(list));
    }

    private RawResource Resource()
    {
        if (IsWord("all"))
        {
            var next = PeekToken(1);
            if (next.IsWord("keyspaces"))
            {
                _pos += 2;
                return new RawResource(ResourceKind.AllKeyspaces);
            }
            if (next.IsWord("roles"))
            {
                _pos += 2;
                return new RawResource(ResourceKind.AllRoles);
            }
            if (next.IsWord("mbeans"))
            {
                _pos += 2;
                return new RawResource(ResourceKind.AllMBeans);
            }
            if (next.IsWord("functions"))
            {
                _pos += 2;
                if (AcceptWord("in"))
                {
                    ExpectKeyspaceWord();
                    return new RawResource(ResourceKind.AllFunctionsInKeyspace, KeyspaceName());
                }
                return new RawResource(ResourceKind.AllFunctions);
            }
            if (next.IsWord("tables") || next.IsWord("columnfamilies"))
            {
                _pos += 2;
                ExpectWord("in");
                ExpectKeyspaceWord();
                return new RawResource(ResourceKind.AllTablesInKeyspace, KeyspaceName());
            }
        }
        if (IsKeyspaceWord())
        {
            _pos++;
            return new RawResource(ResourceKind.Keyspace, KeyspaceName());
        }
        if (IsWord("role") && IsRoleNameToken(PeekToken(1)) && !PeekToken(1).IsWord("to") && !PeekToken(1).IsWord("from"))
        {
            _pos++;
            return new RawResource(ResourceKind.Role, Name: RoleName());
        }
        if (IsWord("function") && IsIdentToken(PeekToken(1)) && PeekToken(2).Kind is TokenKind.Dot or TokenKind.LParen)
        {
            _pos++;
            var fn = FunctionNameRule();
            return new RawResource(ResourceKind.Function, fn.Keyspace, fn.Name, TypeList());
        }
        if ((IsWord("mbean") || IsWord("mbeans")) && PeekToken(1).Kind == TokenKind.String)
        {
            var plural = IsWord("mbeans");
            _pos++;
            return new RawResource(plural ? ResourceKind.MBeans : ResourceKind.MBean, Name: StringLiteral());
        }
        if (IsTableWord())
            _pos++;
        var table = QualifiedTableName();
        return new RawResource(ResourceKind.Table, table.Keyspace, table.Name);
    }
}
