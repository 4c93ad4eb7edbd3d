using System.Diagnostics.Tracing;

namespace Sibyl.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project bench/Sibyl.Benchmarks -- --allocations insert|select [N]`: runs N requests
/// through the same socketless path as <see cref="RequestPathBenchmarks"/> and prints which types the runtime's
/// allocation sampling (one GC AllocationTick event per ~100 KB) saw most, to find what a request allocates.
/// </summary>
internal static class AllocationProfile
{
    public static void Run(string workload, int requests)
    {
        var bench = new RequestPathBenchmarks();
        bench.Setup();
        Func<long> request = workload == "select" ? bench.PreparedSelectByKey : bench.PreparedInsert;
        for (int i = 0; i < 5_000; i++) request();
        using var listener = new AllocationListener();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < requests; i++) request();
        long perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / requests;
        bench.Cleanup();
        Console.WriteLine($"{workload}: {perRequest} bytes allocated per request over {requests} requests; sampled types:");
        foreach (var (type, count) in listener.Samples.OrderByDescending(kv => kv.Value).Take(45))
            Console.WriteLine($"  {count,6}  {type}");
    }

    private sealed class AllocationListener : EventListener
    {
        public Dictionary<string, int> Samples { get; } = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
            int index = e.PayloadNames?.IndexOf("TypeName") ?? -1;
            if (index < 0) return;
            string type = e.Payload[index]?.ToString() ?? "?";
            lock (Samples) Samples[type] = Samples.GetValueOrDefault(type) + 1;
        }
    }
}
