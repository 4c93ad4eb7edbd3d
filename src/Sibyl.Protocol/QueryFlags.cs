namespace Sibyl.Protocol;

/// <summary>Flags of QUERY/EXECUTE parameters and of BATCH (spec sections 4.1.4 and 4.1.7). Frozen by tests.</summary>
[Flags]
public enum QueryFlags : byte
{
    None = 0,
    Values = 0x01,
    SkipMetadata = 0x02,
    PageSize = 0x04,
    WithPagingState = 0x08,
    WithSerialConsistency = 0x10,
    WithDefaultTimestamp = 0x20,
    WithNamesForValues = 0x40,
}
