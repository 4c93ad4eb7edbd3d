using Microsoft.Extensions.Logging;
using Sibyl.Host.Configuration;

namespace Sibyl.Host.Lifecycle;

/// <summary>
/// The composition root: which services a node runs, in start order. <c>sibyl start</c> takes the
/// builder as a <see cref="Func{SibylConfig, ILoggerFactory, IReadOnlyList}"/> so tests can run
/// other compositions.
/// </summary>
public static class NodeComposition
{
    public static Func<SibylConfig, ILoggerFactory, IReadOnlyList<INodeService>> Default { get; } = Build;

    public static IReadOnlyList<INodeService> Build(SibylConfig config, ILoggerFactory loggerFactory)
    {
        var node = new Node.SibylNode(config, loggerFactory);
        return node.Services;
    }
}
