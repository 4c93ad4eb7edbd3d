using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sibyl.StorageBench;

/// <summary>What a scenario measured, printed as one text line or one JSON object, always with the command that reproduces it.</summary>
internal sealed class ScenarioResult(string scenario, string command)
{
    private readonly List<Metric> _metrics = [];

    public string Scenario { get; } = scenario;
    public string Command { get; } = command;
    public IReadOnlyList<Metric> Metrics => _metrics;

    /// <summary>Resident memory over time (the memory scenario), kept for the JSON output.</summary>
    public IReadOnlyList<RssSample> Samples { get; set; } = [];

    public ScenarioResult Add(string name, double value, string unit = "")
    {
        _metrics.Add(new Metric(name, value, unit));
        return this;
    }

    /// <summary>A correctness check's count of bad results (rows missing, wrong slices): anything but 0 fails the scenario.</summary>
    public ScenarioResult AddCheck(string name, long failures)
    {
        if (failures != 0) Failed = true;
        return Add(name, failures);
    }

    /// <summary>Whether a correctness check found bad results, making the figures meaningless.</summary>
    public bool Failed { get; private set; }

    public ScenarioResult Add(string prefix, LatencySummary latency)
    {
        Add(prefix + "p50", latency.P50Micros, "us");
        Add(prefix + "p99", latency.P99Micros, "us");
        Add(prefix + "p999", latency.P999Micros, "us");
        return Add(prefix + "max", latency.MaxMicros, "us");
    }

    public string ToTextLine()
    {
        var line = new StringBuilder().Append(Scenario).Append(':');
        foreach (var m in _metrics)
        {
            line.Append(' ').Append(m.Name).Append('=').Append(Format(m.Value));
            if (m.Unit.Length > 0) line.Append(m.Unit);
        }
        return line.Append(" | ").Append(Command).ToString();
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("scenario", Scenario);
            json.WriteString("command", Command);
            json.WriteStartObject("metrics");
            foreach (var m in _metrics)
            {
                json.WriteStartObject(m.Name);
                json.WriteNumber("value", Math.Round(m.Value, 3));
                json.WriteString("unit", m.Unit);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            if (Samples.Count > 0)
            {
                json.WriteStartArray("rss_samples");
                foreach (var s in Samples)
                {
                    json.WriteStartObject();
                    json.WriteNumber("seconds", Math.Round(s.Seconds, 1));
                    json.WriteNumber("written_mb", Math.Round(s.WrittenBytes / 1048576.0, 1));
                    json.WriteNumber("rss_mb", Math.Round(s.RssBytes / 1048576.0, 1));
                    json.WriteNumber("managed_heap_mb", Math.Round(s.ManagedHeapBytes / 1048576.0, 1));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString(Math.Abs(value) >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);
}
