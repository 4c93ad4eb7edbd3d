namespace Sibyl.Protocol;

/// <summary>Flags of RESULT metadata (spec section 4.2.5.2). Frozen by tests.</summary>
[Flags]
public enum ResultMetadataFlags
{
    None = 0,
    GlobalTablesSpec = 0x0001,
    HasMorePages = 0x0002,
    NoMetadata = 0x0004,

    /// <summary>Defined by protocol v5 only.</summary>
    MetadataChanged = 0x0008,
}
