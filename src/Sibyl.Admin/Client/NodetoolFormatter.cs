using System.Globalization;
using System.Text;

namespace Sibyl.Admin.Client;

/// <summary>Prints admin reports the way Cassandra 4.x nodetool prints them (Status.java, Info.java).</summary>
public static class NodetoolFormatter
{

    /// <summary>Cassandra's FileUtils.stringifyFileSize: binary units, at most two decimals.</summary>
    public static string FileSize(double bytes)
    {
        const double KiB = 1024, MiB = KiB * 1024, GiB = MiB * 1024, TiB = GiB * 1024;
        return bytes switch
        {
            >= TiB => Format(bytes / TiB) + " TiB",
            >= GiB => Format(bytes / GiB) + " GiB",
            >= MiB => Format(bytes / MiB) + " MiB",
            >= KiB => Format(bytes / KiB) + " KiB",
            _ => Format(bytes) + " bytes",
        };

        static string Format(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);
    }

    public static string Status(StatusReport report)
    {
        var sb = new StringBuilder();
        bool effective = report.Endpoints.All(e => e.Owns is not null);
        string ownsHeader = effective ? "Owns (effective)" : "Owns";
        foreach (IGrouping<string, StatusRow> dc in report.Endpoints
                     .GroupBy(e => e.Datacenter).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            string header = "Datacenter: " + dc.Key;
            sb.Append(header).Append('\n');
            sb.Append('=', header.Length).Append('\n');
            sb.Append("Status=Up/Down\n");
            sb.Append("|/ State=Normal/Leaving/Joining/Moving\n");

            var table = new List<string[]> { new[] { "--", "Address", "Load", "Tokens", ownsHeader, "Host ID", "Rack" } };
            foreach (StatusRow e in dc.OrderBy(e => e.Address, StringComparer.Ordinal))
            {
                table.Add([
                    StatusCode(e),
                    e.Address,
                    e.LoadBytes is long load ? FileSize(load) : "?",
                    e.Tokens.ToString(CultureInfo.InvariantCulture),
                    e.Owns is double owns ? (owns * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "?",
                    e.HostId.ToString(),
                    e.Rack,
                ]);
            }
            AppendTable(sb, table);
            sb.Append('\n');
        }
        if (!effective)
            sb.Append("Note: Non-system keyspaces don't have the same replication settings, effective ownership information is meaningless\n");
        return sb.ToString();
    }

    public static string Info(InfoReport info, bool allTokens)
    {
        var sb = new StringBuilder();
        Line(sb, "ID", info.HostId.ToString());
        Line(sb, "Gossip active", Bool(info.GossipActive));
        Line(sb, "Native Transport active", Bool(info.NativeTransportActive));
        Line(sb, "Load", FileSize(info.LoadBytes));
        Line(sb, "Generation No", (info.GossipActive ? info.GenerationNo : 0).ToString(CultureInfo.InvariantCulture));
        Line(sb, "Uptime (seconds)", info.UptimeSeconds.ToString(CultureInfo.InvariantCulture));
        RuntimeMetricsSnapshot rt = info.Runtime;
        Line(sb, "Heap Memory (MB)", string.Create(CultureInfo.InvariantCulture,
            $"{rt.HeapUsedBytes / (1024.0 * 1024):0.00} / {rt.HeapMaxBytes / (1024.0 * 1024):0.00}"));
        Line(sb, "Data Center", info.Datacenter);
        Line(sb, "Rack", info.Rack);
        // Not in Cassandra's output: the .NET GC figures that stand in for its JVM GC lines.
        Line(sb, "GC Pause Total (ms)", rt.GcPauseTotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture));
        Line(sb, "Allocation Rate (MB/s)", (rt.AllocationRateBytesPerSecond / (1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture));
        Line(sb, "GC Pause Time (%)", rt.GcPauseTimePercentage.ToString("0.00", CultureInfo.InvariantCulture));
        Line(sb, "Last GC Pause (ms)", rt.LastGcPauseMilliseconds.ToString("0.00", CultureInfo.InvariantCulture));
        Line(sb, "GC Collections", string.Create(CultureInfo.InvariantCulture,
            $"gen0 {rt.Gen0Collections}, gen1 {rt.Gen1Collections}, gen2 {rt.Gen2Collections}"));
        if (info.Tokens.Count == 0)
            sb.AppendFormat(CultureInfo.InvariantCulture, "{0,-23}: (node is not joined to the cluster)\n", "Token");
        else if (info.Tokens.Count == 1 || allTokens)
            foreach (string token in info.Tokens)
                Line(sb, "Token", token);
        else
            sb.AppendFormat(CultureInfo.InvariantCulture, "{0,-23}: (invoke with -T/--tokens to see all {1} tokens)\n", "Token", info.Tokens.Count);
        return sb.ToString();
    }

    private static string StatusCode(StatusRow e)
    {
        char liveness = e.Status == nameof(EndpointLiveness.Up) ? 'U' : 'D';
        char state = e.State.Length > 0 ? e.State[0] : '?';
        return string.Concat(liveness, state);
    }

    private static string Bool(bool b) => b ? "true" : "false";

    private static void Line(StringBuilder sb, string label, string value) =>
        sb.Append(label.PadRight(23)).Append(": ").Append(value).Append('\n');

    /// <summary>Left-aligned columns two spaces apart, as nodetool's TableBuilder lays them out.</summary>
    private static void AppendTable(StringBuilder sb, List<string[]> rows)
    {
        int columns = rows[0].Length;
        var widths = new int[columns];
        foreach (string[] row in rows)
            for (int i = 0; i < columns; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        foreach (string[] row in rows)
        {
            for (int i = 0; i < columns; i++)
            {
                sb.Append(row[i]);
                if (i < columns - 1)
                    sb.Append(' ', widths[i] - row[i].Length + 2);
            }
            sb.Append('\n');
        }
    }
}
