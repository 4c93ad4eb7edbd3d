namespace Sibyl.Protocol;

/// <summary>BATCH type byte (spec section 4.1.7). Frozen by tests.</summary>
public enum BatchType : byte
{
    Logged = 0,
    Unlogged = 1,
    Counter = 2,
}
