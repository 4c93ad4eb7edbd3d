using System.Net;
using Microsoft.Extensions.Logging;
using Sibyl.Admin;
using Sibyl.Host.Configuration;

namespace Sibyl.Host.Lifecycle;

/// <summary>The admin endpoint as a node service; other services register operations on <see cref="Server"/>.</summary>
public sealed class AdminNodeService(SibylConfig config, INodeInfo node, ILoggerFactory loggerFactory) : INodeService
{
    public string Name => "admin";

    public AdminServer Server { get; } = new(node, loggerFactory);

    public Task StartAsync(CancellationToken cancellationToken) =>
        Server.StartAsync(new IPEndPoint(IPAddress.Parse(config.AdminAddress), config.AdminPort), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Server.StopAsync(cancellationToken);
}
