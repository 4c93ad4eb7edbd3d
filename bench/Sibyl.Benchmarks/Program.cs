using BenchmarkDotNet.Running;

// Benchmarks are never part of the test run: `dotnet run -c Release --project bench/Sibyl.Benchmarks -- --filter '*'`.
BenchmarkSwitcher.FromAssembly(typeof(Sibyl.Benchmarks.RequestPathBenchmarks).Assembly).Run(args);
