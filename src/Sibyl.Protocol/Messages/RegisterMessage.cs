namespace Sibyl.Protocol;

/// <summary>REGISTER: the event types (TOPOLOGY_CHANGE, STATUS_CHANGE, SCHEMA_CHANGE) the connection wants pushed.</summary>
public sealed class RegisterMessage(IReadOnlyList<string> eventTypes) : RequestMessage
{
    public IReadOnlyList<string> EventTypes { get; } = eventTypes;

    public override Opcode Opcode => Opcode.Register;

    public override int ComputeBodySize(byte version) => CqlWriter.SizeOfStringList(EventTypes);

    public override void WriteBody(ref CqlWriter writer, byte version) => writer.WriteStringList(EventTypes);

    public static RegisterMessage Decode(ref CqlReader reader, byte version) => new(reader.ReadStringList());
}
