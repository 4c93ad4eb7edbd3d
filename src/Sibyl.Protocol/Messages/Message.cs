namespace Sibyl.Protocol;

/// <summary>
/// A native protocol message, in either direction. Encoding is two-phase: <see cref="ComputeBodySize"/> measures,
/// then <see cref="WriteBody"/> writes exactly that many bytes; decoding is a static <c>Decode</c> per type,
/// reached through <see cref="OpcodeTable"/>.
/// </summary>
public abstract class Message
{
    public abstract Opcode Opcode { get; }

    /// <summary>Size of the message body proper, without the envelope extras (tracing id, warnings, payload).</summary>
    public abstract int ComputeBodySize(byte version);

    public abstract void WriteBody(ref CqlWriter writer, byte version);

    /// <summary>Custom payload ([bytes map], flag 0x04) sent with the message; v4 and later.</summary>
    public IReadOnlyDictionary<string, byte[]?>? CustomPayload { get; set; }
}
