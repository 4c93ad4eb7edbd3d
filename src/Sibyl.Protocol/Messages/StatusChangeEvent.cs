using System.Net;

namespace Sibyl.Protocol;

/// <summary>EVENT STATUS_CHANGE: a node went up or down.</summary>
public sealed class StatusChangeEvent(StatusChangeType change, IPEndPoint address) : EventMessage
{
    public StatusChangeType Change { get; } = change;

    public IPEndPoint Address { get; } = address;

    public override EventType Type => EventType.STATUS_CHANGE;

    protected override int ComputeEventSize() => CqlWriter.SizeOfString(Change.ToString()) + CqlWriter.SizeOfInet(Address);

    protected override void WriteEvent(ref CqlWriter writer)
    {
        writer.WriteString(Change.ToString());
        writer.WriteInet(Address);
    }
}
