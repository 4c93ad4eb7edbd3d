namespace Sibyl.Protocol;

/// <summary>STATUS_CHANGE event kinds; member names are the wire strings.</summary>
public enum StatusChangeType
{
    UP,
    DOWN,
}
