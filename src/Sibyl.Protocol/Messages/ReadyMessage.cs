namespace Sibyl.Protocol;

/// <summary>READY: the connection is ready for queries (answer to STARTUP and REGISTER). Empty body.</summary>
public sealed class ReadyMessage : ResponseMessage
{
    public override Opcode Opcode => Opcode.Ready;

    public override int ComputeBodySize(byte version) => 0;

    public override void WriteBody(ref CqlWriter writer, byte version) { }

    public static ReadyMessage Decode(ref CqlReader reader, byte version) => new();
}
