using Sibyl.StorageBench;

// Long-running storage scenarios timed with Stopwatch (BenchmarkDotNet's many-iteration model does not fit
// a 10-million-row load). Never part of the test run; see bench/storage/README.md for the measured figures.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

string root = Path.Combine(options.BaseDirectory ?? Path.GetTempPath(), "sibyl-storagebench-" + Guid.NewGuid().ToString("N")[..8]);
int failures = 0;
foreach (var name in options.Scenarios)
{
    string directory = Path.Combine(root, name);
    Directory.CreateDirectory(directory);
    try
    {
        var result = await Scenario.Create(name).RunAsync(options, directory);
        Console.WriteLine(options.Json ? result.ToJson() : result.ToTextLine());
        if (options.JsonFile is not null) File.AppendAllText(options.JsonFile, result.ToJson() + "\n");
        if (result.Failed)
        {
            failures++;
            Console.Error.WriteLine($"{name}: FAILED: a correctness check found bad results (see its counts)");
        }
    }
    catch (Exception e) when (e is InvalidOperationException or IOException)
    {
        failures++;
        Console.Error.WriteLine($"{name}: FAILED: {e}");
    }
    finally
    {
        if (!options.Keep) Directory.Delete(directory, recursive: true);
    }
}
if (!options.Keep && Directory.Exists(root)) Directory.Delete(root, recursive: true);
return failures == 0 ? 0 : 1;
