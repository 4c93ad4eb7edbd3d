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

    /// <summary>nodetool disablebinary / enablebinary / statusbinary: stop or restart only the CQL listener.</summary>
    public void Register(Admin.AdminServer admin)
    {
        admin.Register("disablebinary", async request =>
        {
            if (IsRunning) await StopAsync(request.CancellationToken).ConfigureAwait(false);
            return "";
        });
        admin.Register("enablebinary", async request =>
        {
            if (!IsRunning) await StartAsync(request.CancellationToken).ConfigureAwait(false);
            return "";
        });
        admin.Register("statusbinary", _ => Task.FromResult<object>(IsRunning ? "running" : "not running"));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IsRunning = false;
        await server.StopAsync().ConfigureAwait(false);
    }
}
