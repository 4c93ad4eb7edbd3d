using System.Globalization;
using System.Net;
using System.Text;
using Sibyl.Common.Errors;

namespace Sibyl.Stress;

/// <summary>
/// Writes a run as one self-contained HTML page: the summary table and inline SVG charts of throughput and
/// latency over time. No scripts, fonts or styles are fetched, so the file can be mailed or archived as is.
/// </summary>
public static class HtmlReport
{
    private const int Width = 900, Height = 280, Left = 70, Right = 20, Top = 30, Bottom = 40;

    public static void Write(StressResult result, string path) => File.WriteAllText(path, Render(result), new UTF8Encoding(false));

    public static string Render(StressResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = result.Options;
        var html = new StringBuilder();
        string title = $"sibyl stress {StressReport.WorkloadName(o.Workload)} — {result.StartedAt:yyyy-MM-dd HH:mm:ss} UTC";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Escape(title)).Append("</title>\n<style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
            .Append("td,th{padding:.25em .8em;border-bottom:1px solid #ddd;text-align:right}th{text-align:left}")
            .Append("svg{display:block;margin:1em 0}.axis{stroke:#888}.grid{stroke:#eee}text{font-size:12px;fill:#444}")
            .Append("</style></head><body>\n<h1>").Append(Escape(title)).Append("</h1>\n");

        html.Append("<p>").Append(Escape(string.Create(inv,
            $"{o.Keys:N0} keys ({StressReport.DistributionName(o)}), {o.ValueSize} B values, concurrency {o.Concurrency}, consistency {o.Consistency.ToCqlName()}, hosts {string.Join(", ", o.Hosts)}:{o.Port}")))
            .Append("</p>\n<table>\n");
        Row(html, "Operations", result.Operations.ToString("N0", inv));
        Row(html, "Elapsed", result.ElapsedSeconds.ToString("F1", inv) + " s");
        Row(html, "Throughput", result.OpsPerSecond.ToString("N0", inv) + " op/s");
        Row(html, "Latency mean", (result.Latency.Mean / 1000).ToString("F3", inv) + " ms");
        foreach (var (label, percentile) in StressReport.Percentiles)
            Row(html, "Latency " + label, StressRunner.Ms(result.Latency.ValueAtPercentile(percentile)).ToString("F3", inv) + " ms");
        Row(html, "Latency max", StressRunner.Ms(result.Latency.Max).ToString("F3", inv) + " ms");
        foreach (var (kind, histogram) in result.LatencyByKind)
            Row(html, StressReport.KindName(kind), string.Create(inv,
                $"{histogram.TotalCount:N0} ops, p50 {StressRunner.Ms(histogram.ValueAtPercentile(50)):F3} ms, p99 {StressRunner.Ms(histogram.ValueAtPercentile(99)):F3} ms"));
        Row(html, "Errors", result.ErrorCount.ToString("N0", inv));
        foreach (var (kind, count) in result.Errors)
            Row(html, "&nbsp;&nbsp;" + Escape(kind), count.ToString("N0", inv), escapeLabel: false);
        html.Append("</table>\n");

        var samples = result.Intervals;
        var times = samples.Select(s => s.ElapsedSeconds).ToArray();
        html.Append("<h2>Throughput</h2>\n");
        AppendChart(html, times, "op/s", [("ops/s", "#1f77b4", samples.Select(s => s.OpsPerSecond).ToArray())]);
        html.Append("<h2>Latency</h2>\n");
        AppendChart(html, times, "ms", [
            ("p50", "#2ca02c", samples.Select(s => s.P50Ms).ToArray()),
            ("p99", "#ff7f0e", samples.Select(s => s.P99Ms).ToArray()),
            ("max", "#d62728", samples.Select(s => s.MaxMs).ToArray()),
        ]);
        if (result.ErrorCount > 0)
        {
            html.Append("<h2>Errors</h2>\n");
            AppendChart(html, times, "errors/interval", [("errors", "#d62728", samples.Select(s => (double)s.Errors).ToArray())]);
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string label, string value, bool escapeLabel = true) =>
        html.Append("<tr><th>").Append(escapeLabel ? Escape(label) : label).Append("</th><td>").Append(Escape(value)).Append("</td></tr>\n");

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A line chart with a linear y axis from zero and the run's seconds on x.</summary>
    private static void AppendChart(StringBuilder html, double[] xs, string unit, (string Name, string Color, double[] Values)[] series)
    {
        var inv = CultureInfo.InvariantCulture;
        double xMax = xs.Length > 0 ? Math.Max(xs[^1], 1) : 1;
        double yMax = 0;
        foreach (var s in series)
            foreach (double v in s.Values)
                yMax = Math.Max(yMax, v);
        yMax = NiceCeiling(yMax);
        int plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double X(double x) => Left + x / xMax * plotWidth;
        double Y(double y) => Top + plotHeight - y / yMax * plotHeight;

        html.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">\n");
        for (int i = 0; i <= 4; i++)
        {
            double y = yMax * i / 4;
            html.Append(inv, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(y):F1}\" y2=\"{Y(y):F1}\"/>");
            html.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Y(y) + 4:F1}\" text-anchor=\"end\">{FormatTick(y)}</text>\n");
        }
        for (int i = 0; i <= 5; i++)
        {
            double x = xMax * i / 5;
            html.Append(inv, $"<text x=\"{X(x):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{x:0.#}s</text>");
        }
        html.Append(inv, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + plotHeight}\"/>");
        html.Append(inv, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotHeight}\" y2=\"{Top + plotHeight}\"/>\n");
        html.Append(inv, $"<text x=\"12\" y=\"{Top - 12}\">{Escape(unit)}</text>\n");
        int legendX = Left + 10;
        foreach (var (name, color, values) in series)
        {
            html.Append("<polyline fill=\"none\" stroke-width=\"1.8\" stroke=\"").Append(color).Append("\" points=\"");
            for (int i = 0; i < values.Length && i < xs.Length; i++)
                html.Append(inv, $"{X(xs[i]):F1},{Y(values[i]):F1} ");
            html.Append("\"/>\n");
            html.Append(inv, $"<rect x=\"{legendX}\" y=\"{Top - 22}\" width=\"12\" height=\"4\" fill=\"{color}\"/><text x=\"{legendX + 16}\" y=\"{Top - 16}\">{Escape(name)}</text>\n");
            legendX += 70;
        }
        html.Append("</svg>\n");
    }

    private static double NiceCeiling(double value)
    {
        if (value <= 0)
            return 1;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double step in (ReadOnlySpan<double>)[1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10])
        {
            if (step * magnitude >= value)
                return step * magnitude;
        }
        return 10 * magnitude;
    }

    private static string FormatTick(double value) =>
        value >= 10_000 ? (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k" : value.ToString("0.##", CultureInfo.InvariantCulture);
}
