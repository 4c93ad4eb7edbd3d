using System.Globalization;
using System.Text;
using System.Text.Json;
using Sibyl.Common.Errors;

namespace Sibyl.Stress;

/// <summary>Renders a <see cref="StressResult"/> as the final text summary or as one JSON object.</summary>
public static class StressReport
{
    public static void WriteText(StressResult result, TextWriter output)
    {
        var o = result.Options;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("Results:");
        output.WriteLine(string.Create(inv, $"Workload                  : {WorkloadName(o.Workload)}, {o.Keys:N0} keys ({DistributionName(o)}), {o.ValueSize} B values, concurrency {o.Concurrency}, CL {o.Consistency.ToCqlName()}"));
        var byKind = new StringBuilder();
        foreach (var (kind, histogram) in result.LatencyByKind)
            byKind.Append(inv, $"{(byKind.Length > 0 ? ", " : "")}{KindName(kind)}: {histogram.TotalCount / Math.Max(result.ElapsedSeconds, 1e-9):N0} op/s");
        output.WriteLine(string.Create(inv, $"Op rate                   : {result.OpsPerSecond,12:N0} op/s  [{byKind}]"));
        output.WriteLine(string.Create(inv, $"Operations                : {result.Operations,12:N0}"));
        var latency = result.Latency;
        output.WriteLine(string.Create(inv, $"Latency mean              : {latency.Mean / 1000,12:F3} ms"));
        foreach (var (label, percentile) in Percentiles)
            output.WriteLine(string.Create(inv, $"Latency {label,-18}: {StressRunner.Ms(latency.ValueAtPercentile(percentile)),12:F3} ms"));
        output.WriteLine(string.Create(inv, $"Latency max               : {StressRunner.Ms(latency.Max),12:F3} ms"));
        if (result.LatencyByKind.Count > 1)
        {
            foreach (var (kind, histogram) in result.LatencyByKind)
                output.WriteLine(string.Create(inv,
                    $"  {KindName(kind),-5} p50/p99/p999/max    : {StressRunner.Ms(histogram.ValueAtPercentile(50)):F3} / {StressRunner.Ms(histogram.ValueAtPercentile(99)):F3} / {StressRunner.Ms(histogram.ValueAtPercentile(99.9)):F3} / {StressRunner.Ms(histogram.Max):F3} ms"));
        }
        if (result.LatencyByKind.ContainsKey(OperationKind.Read))
            output.WriteLine(string.Create(inv, $"Rows read                 : {result.RowsRead,12:N0}  ({result.NotFound:N0} reads found no row)"));
        output.WriteLine(string.Create(inv, $"Total errors              : {result.ErrorCount,12:N0}"));
        foreach (var (kind, count) in result.Errors.OrderByDescending(e => e.Value))
            output.WriteLine(string.Create(inv, $"  {kind,-24}: {count,12:N0}"));
        output.WriteLine(string.Create(inv, $"Total operation time      : {TimeSpan.FromSeconds(Math.Round(result.ElapsedSeconds)):hh\\:mm\\:ss}"));
        output.Flush();
    }

    internal static readonly (string Label, double Percentile)[] Percentiles =
    [
        ("median", 50), ("95th percentile", 95), ("99th percentile", 99), ("99.9th percentile", 99.9),
    ];

    public static string ToJson(StressResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var o = result.Options;
            json.WriteStartObject();
            json.WriteString("tool", "sibyl stress");
            json.WriteString("started_at", result.StartedAt.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("workload", WorkloadName(o.Workload));
            json.WriteStartObject("options");
            json.WriteString("hosts", string.Join(",", o.Hosts));
            json.WriteNumber("port", o.Port);
            json.WriteNumber("keys", o.Keys);
            json.WriteNumber("value_size", o.ValueSize);
            json.WriteString("distribution", DistributionName(o));
            json.WriteNumber("concurrency", o.Concurrency);
            if (o.Operations is { } ops)
                json.WriteNumber("ops", ops);
            else
                json.WriteNumber("duration_seconds", o.Duration.TotalSeconds);
            json.WriteNumber("warmup_seconds", o.Warmup.TotalSeconds);
            json.WriteString("consistency", o.Consistency.ToCqlName());
            json.WriteString("keyspace", o.Keyspace);
            if (o.Workload is StressWorkloadKind.Mixed or StressWorkloadKind.TimeseriesSlice)
                json.WriteString("ratio", $"write={o.WriteRatio},read={o.ReadRatio}");
            json.WriteString("compression", o.Compression.ToString().ToLowerInvariant());
            json.WriteNumber("connections_per_host", o.ConnectionsPerHost);
            json.WriteEndObject();
            json.WriteNumber("elapsed_seconds", Math.Round(result.ElapsedSeconds, 3));
            json.WriteNumber("operations", result.Operations);
            json.WriteNumber("ops_per_second", Math.Round(result.OpsPerSecond, 1));
            WriteLatency(json, "latency_ms", result.Latency);
            json.WriteStartObject("by_operation");
            foreach (var (kind, histogram) in result.LatencyByKind)
            {
                json.WriteStartObject(KindName(kind));
                json.WriteNumber("operations", histogram.TotalCount);
                json.WriteNumber("ops_per_second", Math.Round(histogram.TotalCount / Math.Max(result.ElapsedSeconds, 1e-9), 1));
                WriteLatency(json, "latency_ms", histogram);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteNumber("rows_read", result.RowsRead);
            json.WriteNumber("not_found", result.NotFound);
            json.WriteNumber("errors", result.ErrorCount);
            json.WriteStartObject("errors_by_kind");
            foreach (var (kind, count) in result.Errors)
                json.WriteNumber(kind, count);
            json.WriteEndObject();
            json.WriteStartArray("intervals");
            foreach (var sample in result.Intervals)
            {
                json.WriteStartObject();
                json.WriteNumber("t", Math.Round(sample.ElapsedSeconds, 3));
                json.WriteNumber("operations", sample.Operations);
                json.WriteNumber("ops_per_second", Math.Round(sample.OpsPerSecond, 1));
                json.WriteNumber("p50_ms", sample.P50Ms);
                json.WriteNumber("p99_ms", sample.P99Ms);
                json.WriteNumber("max_ms", sample.MaxMs);
                json.WriteNumber("errors", sample.Errors);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteLatency(Utf8JsonWriter json, string name, LatencyHistogram histogram)
    {
        json.WriteStartObject(name);
        json.WriteNumber("mean", Math.Round(histogram.Mean / 1000, 3));
        json.WriteNumber("p50", StressRunner.Ms(histogram.ValueAtPercentile(50)));
        json.WriteNumber("p95", StressRunner.Ms(histogram.ValueAtPercentile(95)));
        json.WriteNumber("p99", StressRunner.Ms(histogram.ValueAtPercentile(99)));
        json.WriteNumber("p999", StressRunner.Ms(histogram.ValueAtPercentile(99.9)));
        json.WriteNumber("max", StressRunner.Ms(histogram.Max));
        json.WriteEndObject();
    }

    internal static string WorkloadName(StressWorkloadKind workload) => workload switch
    {
        StressWorkloadKind.Write => "write",
        StressWorkloadKind.Read => "read",
        StressWorkloadKind.Mixed => "mixed",
        _ => "timeseries-slice",
    };

    internal static string KindName(OperationKind kind) => kind == OperationKind.Write ? "write" : "read";

    internal static string DistributionName(StressOptions options) =>
        options.Distribution == KeyDistribution.Zipf
            ? string.Create(CultureInfo.InvariantCulture, $"zipf {options.ZipfExponent}")
            : "uniform";
}
