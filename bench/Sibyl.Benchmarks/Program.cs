using BenchmarkDotNet.Running;

// Benchmarks are never part of the test run: `dotnet run -c Release --project bench/Sibyl.Benchmarks -- --filter '*'`.
// `-- --allocations insert|select [N]` samples what the request path allocates instead.
if (args.Length >= 2 && args[0] == "--allocations")
{
    Sibyl.Benchmarks.AllocationProfile.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Sibyl.Benchmarks.RequestPathBenchmarks).Assembly).Run(args);
