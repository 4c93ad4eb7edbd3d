using System.Globalization;
using System.Text.Json;

namespace Sibyl.Admin.Client;

/// <summary>
/// <c>sibyl nodetool [-h HOST] [-p ADMIN_PORT] COMMAND [args]</c>: status, info and version are
/// formatted here; every other command is posted to the node's <c>/op/{command}</c>.
/// </summary>
public static class NodetoolCommand
{
    public const int DefaultPort = 7199;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string host = "127.0.0.1";
        int port = DefaultPort;
        int i = 0;
        for (; i < args.Count && args[i].StartsWith('-'); i++)
        {
            string option = args[i];
            if (option is "--help")
            {
                stdout.Write(Usage);
                return 0;
            }
            if (i + 1 >= args.Count)
                return Fail(stderr, $"Missing value for option '{option}'");
            string value = args[++i];
            switch (option)
            {
                case "-h" or "--host":
                    host = value;
                    break;
                case "-p" or "--port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
                        return Fail(stderr, $"Invalid port '{value}'");
                    break;
                case "-u" or "--username" or "-pw" or "--password" or "-pwf" or "--password-file":
                    break; // accepted for compatibility with scripts; the admin endpoint is loopback-only
                default:
                    return Fail(stderr, $"Unknown option '{option}'");
            }
        }
        if (i >= args.Count)
        {
            stdout.Write(Usage);
            return 1;
        }

        string command = args[i];
        string[] rest = args.Skip(i + 1).ToArray();
        if (command == "help")
        {
            stdout.Write(Usage);
            return 0;
        }

        using var client = new AdminClient(host, port);
        try
        {
            switch (command)
            {
                case "status":
                    stdout.Write(NodetoolFormatter.Status(await client.GetStatusAsync(cancellationToken).ConfigureAwait(false)));
                    return 0;
                case "info":
                    bool allTokens = rest.Contains("-T") || rest.Contains("--tokens");
                    stdout.Write(NodetoolFormatter.Info(await client.GetInfoAsync(cancellationToken).ConfigureAwait(false), allTokens));
                    return 0;
                case "version":
                    InfoReport info = await client.GetInfoAsync(cancellationToken).ConfigureAwait(false);
                    stdout.Write($"ReleaseVersion: {info.ReleaseVersion}\n");
                    return 0;
                default:
                    JsonElement result = await client.RunOperationAsync(command, rest, cancellationToken).ConfigureAwait(false);
                    PrintResult(stdout, result);
                    return 0;
            }
        }
        catch (AdminConnectException e)
        {
            return Fail(stderr, e.Message);
        }
        catch (AdminErrorException e)
        {
            return Fail(stderr, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(stderr, $"Timed out waiting for '{host}:{port}'");
        }
    }

    private static void PrintResult(TextWriter stdout, JsonElement result)
    {
        switch (result.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return;
            case JsonValueKind.String:
                string text = result.GetString()!;
                if (text.Length > 0)
                    stdout.Write(text.EndsWith('\n') ? text : text + "\n");
                return;
            default:
                stdout.Write(JsonSerializer.Serialize(result, JsonIndented) + "\n");
                return;
        }
    }

    private static readonly JsonSerializerOptions JsonIndented = new() { WriteIndented = true };

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.Write($"nodetool: {message}\n");
        return 1;
    }

    public const string Usage =
        "usage: sibyl nodetool [(-h <host> | --host <host>)] [(-p <port> | --port <port>)] <command> [<args>]\n" +
        "\n" +
        "Commands formatted by nodetool itself:\n" +
        "    status     Print cluster information (state, load, IDs, ...)\n" +
        "    info       Print node information (uptime, load, ...); -T/--tokens lists every token\n" +
        "    version    Print the Cassandra release version this node is compatible with\n" +
        "    help       Print this text\n" +
        "Any other command (flush, compact, snapshot, drain, ...) is run by the node\n" +
        "if it offers it; the default admin port is 7199.\n";
}
