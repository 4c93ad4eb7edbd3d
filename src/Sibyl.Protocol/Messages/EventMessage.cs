using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>EVENT: pushed on stream -1 to connections that registered for its <see cref="Type"/>.</summary>
public abstract class EventMessage : ResponseMessage
{
    public abstract EventType Type { get; }

    public sealed override Opcode Opcode => Opcode.Event;

    public sealed override int ComputeBodySize(byte version) => CqlWriter.SizeOfString(Type.ToString()) + ComputeEventSize();

    public sealed override void WriteBody(ref CqlWriter writer, byte version)
    {
        writer.WriteString(Type.ToString());
        WriteEvent(ref writer);
    }

    protected abstract int ComputeEventSize();

    protected abstract void WriteEvent(ref CqlWriter writer);

    public static EventMessage Decode(ref CqlReader reader, byte version)
    {
        string type = reader.ReadString();
        return type switch
        {
            "TOPOLOGY_CHANGE" => new TopologyChangeEvent(SchemaChange.ParseName<TopologyChangeType>(reader.ReadString()), reader.ReadInet()),
            "STATUS_CHANGE" => new StatusChangeEvent(SchemaChange.ParseName<StatusChangeType>(reader.ReadString()), reader.ReadInet()),
            "SCHEMA_CHANGE" => new SchemaChangeEvent(SchemaChange.Read(ref reader)),
            _ => throw new ProtocolException($"Unknown event type {type}"),
        };
    }
}
