namespace Sibyl.Protocol;

/// <summary>Event types a connection can REGISTER for; member names are the wire strings.</summary>
[Flags]
public enum EventType
{
    None = 0,
    TOPOLOGY_CHANGE = 1,
    STATUS_CHANGE = 2,
    SCHEMA_CHANGE = 4,
}
