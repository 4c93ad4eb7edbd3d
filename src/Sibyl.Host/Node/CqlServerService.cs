using Sibyl.Host.Lifecycle;
using Sibyl.Server;

namespace Sibyl.Host.Node;

/// <summary>The native transport as a node service: started last, stopped first.</summary>
public sealed class CqlServerService(CqlServer server) : INodeService
{
    public string Name => "native transport";

    public bool IsRunning { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        IsRunning = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IsRunning = false;
        await server.StopAsync().ConfigureAwait(false);
    }
}
