using System.Net;

namespace Sibyl.Protocol;

/// <summary>EVENT TOPOLOGY_CHANGE: a node joined, left or moved; the address is its native transport endpoint.</summary>
public sealed class TopologyChangeEvent(TopologyChangeType change, IPEndPoint address) : EventMessage
{
    public TopologyChangeType Change { get; } = change;

    public IPEndPoint Address { get; } = address;

    public override EventType Type => EventType.TOPOLOGY_CHANGE;

    protected override int ComputeEventSize() => CqlWriter.SizeOfString(Change.ToString()) + CqlWriter.SizeOfInet(Address);

    protected override void WriteEvent(ref CqlWriter writer)
    {
        writer.WriteString(Change.ToString());
        writer.WriteInet(Address);
    }
}
