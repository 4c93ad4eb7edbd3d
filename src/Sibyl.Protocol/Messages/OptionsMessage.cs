namespace Sibyl.Protocol;

/// <summary>OPTIONS: asks which STARTUP options the server supports. Empty body.</summary>
public sealed class OptionsMessage : RequestMessage
{
    public override Opcode Opcode => Opcode.Options;

    public override int ComputeBodySize(byte version) => 0;

    public override void WriteBody(ref CqlWriter writer, byte version) { }

    public static OptionsMessage Decode(ref CqlReader reader, byte version) => new();
}
