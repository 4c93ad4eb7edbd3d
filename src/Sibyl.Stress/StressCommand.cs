using Sibyl.Client;

namespace Sibyl.Stress;

/// <summary>
/// <c>sibyl stress</c>: connects with Sibyl.Client, creates the workload's keyspace and table, runs it and reports.
/// Exit codes: 0 success, 1 the run could not start (connection, schema), 2 bad arguments.
/// </summary>
public static class StressCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        if (args.Length == 0 || args is ["--help"] or ["-h"] or ["help"])
        {
            output.WriteLine(StressOptions.Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var options = StressOptions.TryParse(args, out string? error);
        if (options is null)
        {
            output.WriteLine($"sibyl stress: {error}");
            output.WriteLine(StressOptions.Usage);
            return 2;
        }
        // With --json the one object owns standard output; progress goes to standard error.
        var progress = options.Json ? Console.Error : output;
        var clusterOptions = new CqlClusterOptions
        {
            ContactPoints = options.Hosts,
            Port = options.Port,
            Compression = options.Compression,
            ConnectionsPerHost = options.ConnectionsPerHost,
            DefaultConsistency = options.Consistency,
        };
        CqlSession session;
        try
        {
            session = await CqlCluster.ConnectAsync(clusterOptions, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.WriteLine($"sibyl stress: cannot connect: {e.Message}");
            return 1;
        }
        await using (session.ConfigureAwait(false))
        {
            var workload = new StressWorkload(options);
            try
            {
                await workload.SetupAsync(session, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.WriteLine($"sibyl stress: schema setup failed: {e.Message}");
                return 1;
            }
            progress.WriteLine($"Running {StressReport.WorkloadName(options.Workload)} against {string.Join(",", session.Hosts)} "
                + $"({(session.IsTokenAware ? "token-aware" : "round-robin")}), concurrency {options.Concurrency}, "
                + (options.Operations is { } ops ? $"{ops} operations" : $"{options.Duration.TotalSeconds}s")
                + (options.Warmup > TimeSpan.Zero ? $" after {options.Warmup.TotalSeconds}s warmup" : ""));
            var result = await new StressRunner(options, workload, progress).RunAsync(session, ct).ConfigureAwait(false);
            if (options.Json)
            {
                output.WriteLine(StressReport.ToJson(result));
                output.Flush();
            }
            else
            {
                StressReport.WriteText(result, output);
            }
            if (options.HtmlFile is { } path)
            {
                HtmlReport.Write(result, path);
                progress.WriteLine($"HTML report written to {Path.GetFullPath(path)}");
            }
            return 0;
        }
    }
}
