namespace Sibyl.Protocol;

/// <summary>The change_type strings of schema changes; member names are the wire strings.</summary>
public enum SchemaChangeType
{
    CREATED,
    UPDATED,
    DROPPED,
}
