namespace Sibyl.Common.Errors;

/// <summary>CREATE of a keyspace or table that exists (code 0x2400). <see cref="Table"/> is empty for a keyspace.</summary>
public sealed class AlreadyExistsException : RequestException
{
    public AlreadyExistsException(string keyspace, string table)
        : this(keyspace, table, table.Length == 0
            ? $"Cannot add already existing keyspace \"{keyspace}\""
            : $"Cannot add already existing table \"{table}\" to keyspace \"{keyspace}\"")
    {
    }

    public AlreadyExistsException(string keyspace) : this(keyspace, string.Empty) { }

    /// <summary>With an explicit message, e.g. for types and functions or as decoded from the wire.</summary>
    public AlreadyExistsException(string keyspace, string table, string message) : base(ErrorCode.AlreadyExists, message)
    {
        Keyspace = keyspace;
        Table = table;
    }

    public string Keyspace { get; }

    public string Table { get; }
}
