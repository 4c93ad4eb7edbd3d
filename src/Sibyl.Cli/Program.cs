using Sibyl.Admin.Client;
using Sibyl.Cli;
using Sibyl.Host.Lifecycle;

// The one `sibyl` command: a thin dispatcher over the Host and Admin libraries.
if (args.Length == 0)
{
    Console.Error.Write(Usage.Text);
    return 1;
}

string[] rest = args[1..];
switch (args[0])
{
    case "start":
        return await StartCommand.RunAsync(rest, NodeComposition.Default, CancellationToken.None);
    case "nodetool":
        return await NodetoolCommand.RunAsync(rest, Console.Out, Console.Error, CancellationToken.None);
    case "version" or "--version":
        Console.Out.Write($"Sibyl {SibylVersion.Current} (Cassandra {SibylVersion.CassandraReleaseVersion} compatible)\n");
        return 0;
    case "help" or "--help" or "-h":
        Console.Out.Write(Usage.Text);
        return 0;
    case "stress":
        return await Sibyl.Stress.StressCommand.RunAsync(rest, Console.Out, CancellationToken.None);
    case "cql":
        Console.Error.Write("sibyl cql: not yet implemented\n");
        return 2;
    default:
        Console.Error.Write($"sibyl: unknown command '{args[0]}'\n\n{Usage.Text}");
        return 1;
}
