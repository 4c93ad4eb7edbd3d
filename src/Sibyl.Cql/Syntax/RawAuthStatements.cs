namespace Sibyl.Cql.Syntax;

// Parsed role, user and permission statements.

/// <summary>
/// Role options of CREATE/ALTER ROLE (and USER). Unset options are null. Datacenters / Cidrs are null unless an
/// explicit list was given; the AllDatacenters / AllCidrs flags record <c>ACCESS TO ALL DATACENTERS</c>.
/// </summary>
public sealed record RawRoleOptions(
    string? Password,
    string? HashedPassword,
    bool GeneratedPassword,
    bool? Superuser,
    bool? Login,
    ValueList<RawMapEntry>? Options,
    bool AllDatacenters,
    ValueList<string>? Datacenters,
    bool AllCidrs,
    ValueList<string>? Cidrs)
{
    public static readonly RawRoleOptions None = new(null, null, false, null, null, null, false, null, false, null);
}

/// <summary>CREATE ROLE / CREATE USER (IsUser: login defaults to true and the name is a user name).</summary>
public sealed record RawCreateRoleStatement(string Role, bool IfNotExists, RawRoleOptions Options, bool IsUser) : RawStatement;

public sealed record RawAlterRoleStatement(string Role, bool IfExists, RawRoleOptions Options, bool IsUser) : RawStatement;

public sealed record RawDropRoleStatement(string Role, bool IfExists, bool IsUser) : RawStatement;

/// <summary>LIST ROLES [OF r] [NORECURSIVE], LIST USERS (UsersOnly), LIST SUPERUSERS (SuperusersOnly).</summary>
public sealed record RawListRolesStatement(string? Of, bool Recursive, bool UsersOnly, bool SuperusersOnly) : RawStatement;

public sealed record RawGrantRoleStatement(string Role, string Grantee) : RawStatement;

public sealed record RawRevokeRoleStatement(string Role, string Revokee) : RawStatement;

public enum ResourceKind
{
    AllKeyspaces,
    Keyspace,
    Table,
    AllTablesInKeyspace,
    AllRoles,
    Role,
    AllFunctions,
    AllFunctionsInKeyspace,
    Function,
    AllMBeans,
    MBean,
    MBeans,
}

/// <summary>A resource of GRANT/REVOKE/LIST; which members are set depends on Kind.</summary>
public sealed record RawResource(ResourceKind Kind, string? Keyspace = null, string? Name = null, ValueList<RawType>? ArgumentTypes = null);

/// <summary>Permissions named upper case (SELECT, MODIFY ...); <c>ALL [PERMISSIONS]</c> sets IsAll and leaves the list empty.</summary>
public sealed record RawPermissionSet(bool IsAll, ValueList<string> Permissions);

public sealed record RawGrantPermissionsStatement(RawPermissionSet Permissions, RawResource Resource, string Grantee) : RawStatement;

public sealed record RawRevokePermissionsStatement(RawPermissionSet Permissions, RawResource Resource, string Revokee) : RawStatement;

public sealed record RawListPermissionsStatement(RawPermissionSet Permissions, RawResource? Resource, string? Of, bool Recursive) : RawStatement;
