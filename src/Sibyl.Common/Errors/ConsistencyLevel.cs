namespace Sibyl.Common.Errors;

/// <summary>Consistency levels with their native protocol [consistency] wire values.</summary>
public enum ConsistencyLevel : ushort
{
    Any = 0x0000,
    One = 0x0001,
    Two = 0x0002,
    Three = 0x0003,
    Quorum = 0x0004,
    All = 0x0005,
    LocalQuorum = 0x0006,
    EachQuorum = 0x0007,
    Serial = 0x0008,
    LocalSerial = 0x0009,
    LocalOne = 0x000A,
}
