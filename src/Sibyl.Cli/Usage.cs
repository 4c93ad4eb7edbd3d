using Sibyl.Host.Configuration;

namespace Sibyl.Cli;

internal static class Usage
{
    public static readonly string Text =
        "usage: sibyl <command> [options]\n" +
        "\n" +
        "commands:\n" +
        "  start      run a node (see options below)\n" +
        "  nodetool   administer a running node: sibyl nodetool [-h HOST] [-p ADMIN_PORT] status|info|...\n" +
        "  version    print the version\n" +
        "  help       print this text\n" +
        "  cql        (not yet implemented)\n" +
        "  stress     load generator (write, read, mixed, timeseries-slice); sibyl stress --help\n" +
        "\n" + StartOptions.Usage;
}
