namespace Sibyl.Protocol;

/// <summary>Envelope header flags (spec section 2.2).</summary>
[Flags]
public enum FrameFlags : byte
{
    None = 0,
    Compression = 0x01,
    Tracing = 0x02,
    CustomPayload = 0x04,
    Warning = 0x08,
    UseBeta = 0x10,
}
