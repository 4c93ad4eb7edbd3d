using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sibyl.Host.Configuration;
using Sibyl.Host.Lifecycle;
using Sibyl.Host.Logging;

namespace Sibyl.Cli;

/// <summary><c>sibyl start</c>: configuration, logging, then the composed services until a signal.</summary>
internal static class StartCommand
{
    public static async Task<int> RunAsync(
        string[] args,
        Func<SibylConfig, ILoggerFactory, IReadOnlyList<INodeService>> compose,
        CancellationToken cancellationToken)
    {
        Thread.CurrentThread.Name ??= "main";
        if (args is ["--help"] or ["-h"])
        {
            Console.Out.Write(StartOptions.Usage);
            return 0;
        }

        SibylConfig config;
        StartOptions options;
        try
        {
            options = StartOptions.Parse(args);
            config = SibylConfigLoader.Load(options.ConfigFile, options.Overrides);
        }
        catch (ConfigurationException e)
        {
            foreach (string error in e.Errors)
                Console.Error.Write(error + "\n");
            return 1;
        }

        SibylLoggerFactory loggerFactory;
        try
        {
            loggerFactory = SibylLoggerFactory.Create(options.MinimumLogLevel, config.LogDirectory, Console.Error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.Write($"Cannot write logs under '{config.LogDirectory}': {e.Message}\n");
            return 1;
        }

        using (loggerFactory)
        {
            ILogger logger = loggerFactory.CreateLogger("Sibyl.Cli.StartCommand");
            logger.LogInformation("Sibyl {Version} starting: cluster '{Cluster}', data in {DataDirectory}",
                SibylVersion.Current, config.ClusterName, config.DataDirectory);

            IReadOnlyList<INodeService> services;
            try
            {
                services = compose(config, loggerFactory);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Cannot compose the node");
                return 1;
            }

            var runner = new NodeRunner(services, loggerFactory);
            return await runner.RunAsync(() =>
            {
                double ms = (DateTime.Now - StartedAt()).TotalMilliseconds;
                string line = $"Sibyl {SibylVersion.Current} listening for CQL clients on {config.RpcAddress}:{config.NativeTransportPort} (started in {ms:0} ms)";
                logger.LogInformation("{StartupLine}", line);
                Console.Out.Write(line + "\n");
                Console.Out.Flush();
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// When the process started; when the ./sibyl launcher had to build first (same process, through exec), when
    /// that build ended, so the start-up time reported is the node's and not the compiler's.
    /// </summary>
    private static DateTime StartedAt()
    {
        var processStart = Process.GetCurrentProcess().StartTime;
        if (long.TryParse(Environment.GetEnvironmentVariable("SIBYL_BUILT_AT_MS"), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out long builtAtMs))
        {
            var builtAt = DateTimeOffset.FromUnixTimeMilliseconds(builtAtMs).LocalDateTime;
            if (builtAt > processStart) return builtAt;
        }
        return processStart;
    }
}
