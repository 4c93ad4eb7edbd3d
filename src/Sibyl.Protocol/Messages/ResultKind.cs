namespace Sibyl.Protocol;

/// <summary>RESULT kinds (spec section 4.2.5). Frozen by tests.</summary>
public enum ResultKind
{
    Void = 0x0001,
    Rows = 0x0002,
    SetKeyspace = 0x0003,
    Prepared = 0x0004,
    SchemaChange = 0x0005,
}
