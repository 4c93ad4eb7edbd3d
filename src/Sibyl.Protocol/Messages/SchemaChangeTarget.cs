namespace Sibyl.Protocol;

/// <summary>The target strings of schema changes; member names are the wire strings.</summary>
public enum SchemaChangeTarget
{
    KEYSPACE,
    TABLE,
    TYPE,
    FUNCTION,
    AGGREGATE,
}
