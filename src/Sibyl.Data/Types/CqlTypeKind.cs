namespace Sibyl.Data.Types;

/// <summary>
/// Type option ids of the native protocol (v4 spec section 4.2.5.2). These numbers reach the wire:
/// a golden test freezes them.
/// </summary>
public enum CqlTypeKind : ushort
{
    Custom = 0x0000,
    Ascii = 0x0001,
    BigInt = 0x0002,
    Blob = 0x0003,
    Boolean = 0x0004,
    Counter = 0x0005,
    Decimal = 0x0006,
    Double = 0x0007,
    Float = 0x0008,
    Int = 0x0009,
    Timestamp = 0x000B,
    Uuid = 0x000C,
    Varchar = 0x000D,
    Varint = 0x000E,
    Timeuuid = 0x000F,
    Inet = 0x0010,
    Date = 0x0011,
    Time = 0x0012,
    SmallInt = 0x0013,
    TinyInt = 0x0014,
    Duration = 0x0015,
    List = 0x0020,
    Map = 0x0021,
    Set = 0x0022,
    Udt = 0x0030,
    Tuple = 0x0031,
}
