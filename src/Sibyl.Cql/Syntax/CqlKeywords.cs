using System.Collections.Frozen;

namespace Sibyl.Cql.Syntax;

/// <summary>
/// Keyword classes of Cassandra's grammar (Lexer.g / Parser.g): which words are reserved, which may
/// name columns, functions or user types, and the native type names.
/// </summary>
public static class CqlKeywords
{
    /// <summary>Native CQL type names, all usable as identifiers and function names.</summary>
    public static readonly FrozenSet<string> NativeTypes = FrozenSet.ToFrozenSet(
    [
        "ascii", "bigint", "blob", "boolean", "counter", "decimal", "double", "duration", "float", "inet", "int",
        "smallint", "text", "timestamp", "tinyint", "uuid", "varchar", "varint", "timeuuid", "date", "time",
    ], StringComparer.Ordinal);

    /// <summary>basic_unreserved_keyword: usable as any identifier, including function and user type names.</summary>
    public static readonly FrozenSet<string> BasicUnreserved = FrozenSet.ToFrozenSet(
    [
        "keys", "as", "cluster", "clustering", "compact", "storage", "tables", "columnfamilies", "type", "types",
        "values", "map", "list", "filtering", "permission", "permissions", "keyspaces", "all", "user", "users", "role",
        "roles", "identity", "superuser", "superusers", "nosuperuser", "login", "nologin", "options", "password",
        "generated", "hashed", "exists", "custom", "trigger", "contains", "internals", "only", "static", "frozen",
        "tuple", "function", "functions", "aggregate", "aggregates", "sfunc", "stype", "finalfunc", "initcond",
        "returns", "language", "called", "input", "like", "per", "partition", "group", "datacenters", "cidrs",
        "access", "default", "mbean", "mbeans", "replace", "unset", "masked", "unmask", "select_masked", "vector",
        "ann", "between", "check", "indexes",
    ], StringComparer.Ordinal);

    /// <summary>Unreserved for column names but not allowed as function names (unreserved_keyword minus unreserved_function_keyword).</summary>
    public static readonly FrozenSet<string> ColumnOnlyUnreserved = FrozenSet.ToFrozenSet(
        ["ttl", "count", "writetime", "maxwritetime", "key", "cast", "json", "distinct"], StringComparer.Ordinal);

    /// <summary>Every keyword of the lexer.</summary>
    public static readonly FrozenSet<string> All = FrozenSet.ToFrozenSet(
    [
        "select", "from", "as", "where", "and", "key", "keys", "entries", "full", "insert", "update", "with", "limit",
        "per", "partition", "using", "use", "distinct", "count", "set", "begin", "unlogged", "batch", "apply",
        "truncate", "delete", "in", "create", "schema", "keyspace", "keyspaces", "columnfamily", "table", "tables",
        "columnfamilies", "materialized", "view", "index", "custom", "on", "to", "drop", "primary", "into", "values",
        "timestamp", "ttl", "cast", "alter", "rename", "add", "type", "types", "compact", "storage", "order", "by",
        "asc", "desc", "allow", "filtering", "if", "is", "contains", "between", "group", "cluster", "internals", "only",
        "grant", "all", "permission", "permissions", "of", "revoke", "modify", "authorize", "describe", "execute",
        "norecursive", "mbean", "mbeans", "user", "users", "role", "roles", "superusers", "superuser", "nosuperuser",
        "generated", "password", "hashed", "login", "nologin", "options", "access", "datacenters", "cidrs", "identity",
        "clustering", "ascii", "bigint", "blob", "boolean", "counter", "decimal", "double", "duration", "float", "inet",
        "int", "smallint", "tinyint", "text", "uuid", "varchar", "varint", "timeuuid", "token", "writetime",
        "maxwritetime", "date", "time", "null", "not", "exists", "map", "list", "nan", "infinity", "tuple", "trigger",
        "static", "frozen", "function", "functions", "aggregate", "aggregates", "sfunc", "stype", "finalfunc",
        "initcond", "returns", "called", "input", "language", "or", "replace", "json", "default", "unset", "like",
        "masked", "unmask", "select_masked", "vector", "ann", "check", "indexes",
    ], StringComparer.Ordinal);

    /// <summary>Keywords that can never be an unquoted identifier.</summary>
    public static readonly FrozenSet<string> Reserved = All
        .Where(k => !BasicUnreserved.Contains(k) && !NativeTypes.Contains(k) && !ColumnOnlyUnreserved.Contains(k))
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Names the grammar refuses for user types (Parser.g reservedTypeNames).</summary>
    public static readonly FrozenSet<string> ReservedTypeNames = FrozenSet.ToFrozenSet(
        ["byte", "complex", "enum", "date", "interval", "macaddr", "bitstring"], StringComparer.Ordinal);

    public static bool IsReserved(string lowerCaseWord) => Reserved.Contains(lowerCaseWord);
}
