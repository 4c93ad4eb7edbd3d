namespace Sibyl.Protocol;

/// <summary>TOPOLOGY_CHANGE event kinds; member names are the wire strings.</summary>
public enum TopologyChangeType
{
    NEW_NODE,
    REMOVED_NODE,
    MOVED_NODE,
}
