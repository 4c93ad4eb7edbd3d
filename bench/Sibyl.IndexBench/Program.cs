using System.Diagnostics;
using System.Globalization;
using Sibyl.Data.Types;
using Sibyl.IndexBench;

// An indexed query against the same query answered by filtering, on one table of N rows (default 1,000,000)
// where 'seoul' is one location in 10,000. Never part of the test run; figures in bench/index/README.md.
int rows = 1_000_000;
int every = 10_000;
int repeats = 200;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--rows": rows = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--every": every = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--repeats": repeats = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine("usage: Sibyl.IndexBench [--rows N] [--every K] [--repeats R]");
            return 2;
    }
}

string directory = Path.Combine(Path.GetTempPath(), "sibyl-indexbench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(directory);
try
{
    await using var node = await IndexBenchNode.StartAsync(directory);
    node.Run("CREATE KEYSPACE bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    node.Run("CREATE TABLE bench.users (id int PRIMARY KEY, location text, city text, name text)");
    var insert = node.Prepare("INSERT INTO bench.users (id, location, city, name) VALUES (?, ?, ?, ?)");

    var load = Stopwatch.StartNew();
    for (int i = 0; i < rows; i++)
    {
        // location and city hold the same values: one is indexed, the other is filtered.
        byte[] place = CqlType.Text.Decompose(i % every == 0 ? "seoul" : "busan-" + (i % 97).ToString(CultureInfo.InvariantCulture));
        await node.ExecuteAsync(insert, [CqlType.Int.Decompose(i), place, place, CqlType.Text.Decompose("user" + i.ToString(CultureInfo.InvariantCulture))]);
    }
    load.Stop();

    var build = Stopwatch.StartNew();
    node.Run("CREATE INDEX users_location ON bench.users (location)");
    build.Stop();

    int expected = (rows + every - 1) / every;
    const string Indexed = "SELECT * FROM bench.users WHERE location = 'seoul'";
    const string Filtered = "SELECT * FROM bench.users WHERE city = 'seoul' ALLOW FILTERING";
    if (node.CountRows(Indexed, 5000) != expected || node.CountRows(Filtered, 5000) != expected)
        throw new InvalidOperationException("the indexed and filtered queries must both return every 'seoul' row");

    var indexed = Time(() => node.CountRows(Indexed, 5000), repeats);
    var indexedFirstPage = Time(() => node.CountRows(Indexed + " LIMIT 10", 5000), repeats);
    var filtered = Time(() => node.CountRows(Filtered, 5000), Math.Max(3, repeats / 100));

    Console.WriteLine($"rows={rows} matching={expected} load={load.Elapsed.TotalSeconds:F1}s ({rows / load.Elapsed.TotalSeconds:F0} rows/s) "
        + $"index_build={build.Elapsed.TotalSeconds:F1}s");
    Console.WriteLine($"indexed   location='seoul' ({expected} rows): {indexed}");
    Console.WriteLine($"indexed   location='seoul' LIMIT 10:        {indexedFirstPage}");
    Console.WriteLine($"filtered  city='seoul' ALLOW FILTERING:     {filtered}");
    Console.WriteLine($"command: dotnet run -c Release --project bench/Sibyl.IndexBench -- --rows {rows} --every {every} --repeats {repeats}");
    return 0;
}
finally
{
    try
    {
        Directory.Delete(directory, recursive: true);
    }
    catch (IOException)
    {
        // Left for the OS to clean.
    }
}

static string Time(Func<int> query, int repeats)
{
    var times = new List<double>(repeats);
    for (int i = 0; i < repeats; i++)
    {
        var watch = Stopwatch.StartNew();
        query();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
    return $"p50 {P(0.5):F3} ms, p99 {P(0.99):F3} ms, max {times[^1]:F3} ms over {repeats} runs";
}
