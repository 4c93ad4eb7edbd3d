using System.Collections.Concurrent;
using Sibyl.Protocol;

namespace Sibyl.Server;

/// <summary>
/// Fans SCHEMA_CHANGE, TOPOLOGY_CHANGE and STATUS_CHANGE events out to every connection registered for their type.
/// One per node (an instance, not a singleton); the host and coordinator publish, sessions subscribe on REGISTER.
/// </summary>
public sealed class EventNotifier
{
    private readonly ConcurrentDictionary<ProtocolSession, EventType> _subscribers = new();

    /// <summary>Number of connections registered for at least one event type.</summary>
    public int SubscriberCount => _subscribers.Count;

    public void Publish(EventMessage message)
    {
        foreach (var (session, types) in _subscribers)
        {
            if ((types & message.Type) != 0)
                session.PushEvent(message);
        }
    }

    internal void Register(ProtocolSession session, EventType types) =>
        _subscribers.AddOrUpdate(session, types, (_, existing) => existing | types);

    internal void Unregister(ProtocolSession session) => _subscribers.TryRemove(session, out _);
}
