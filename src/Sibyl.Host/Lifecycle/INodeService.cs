namespace Sibyl.Host.Lifecycle;

/// <summary>
/// A background part of the node (storage, CQL server, gossip, admin endpoint...). Started in the
/// composition's order, stopped in reverse; StopAsync returns only once the service has stopped.
/// </summary>
public interface INodeService
{
    string Name { get; }
    Task StartAsync(CancellationToken cancellationToken);
    Task StopAsync(CancellationToken cancellationToken);
}
