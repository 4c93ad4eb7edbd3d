namespace Sibyl.Schema;

/// <summary>Names of the keyspaces the node defines itself.</summary>
public static class SchemaConstants
{
    public const string System = "system";
    public const string SystemSchema = "system_schema";
    public const string SystemVirtualSchema = "system_virtual_schema";
    public const string SystemViews = "system_views";
    public const string SystemAuth = "system_auth";
    public const string SystemDistributed = "system_distributed";
    public const string SystemTraces = "system_traces";

    public static bool IsSystemKeyspace(string name) =>
        name is System or SystemSchema or SystemVirtualSchema or SystemViews;

    /// <summary>Keyspaces whose replication users may change but whose tables they may not.</summary>
    public static bool IsReplicatedSystemKeyspace(string name) =>
        name is SystemAuth or SystemDistributed or SystemTraces;

    /// <summary>Cassandra's limit on keyspace and table name length (SchemaConstants.NAME_LENGTH).</summary>
    public const int NameLength = 48;

    public static bool IsValidName(string name)
    {
        if (name.Length == 0) return false;
        foreach (char c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        return true;
    }
}
