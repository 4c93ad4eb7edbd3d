using System.Globalization;
using System.Text;
using Sibyl.Admin;
using Sibyl.Storage.Tables;

namespace Sibyl.Host.Node;

/// <summary>
/// The nodetool operations on table storage, registered on the admin endpoint: flush, compact, snapshot,
/// clearsnapshot, listsnapshots, enableautocompaction, disableautocompaction and tablestats, with
/// Cassandra's argument forms and output text. Tables are found through <see cref="ITableStoreRegistry"/>.
/// </summary>
public sealed class StorageOperations
{
    private readonly ITableStoreRegistry _registry;
    private readonly TimeProvider _time;

    public StorageOperations(ITableStoreRegistry registry, TimeProvider? time = null)
    {
        _registry = registry;
        _time = time ?? TimeProvider.System;
    }

    public void Register(AdminServer server)
    {
        server.Register("flush", FlushAsync);
        server.Register("compact", CompactAsync);
        server.Register("snapshot", SnapshotAsync);
        server.Register("clearsnapshot", request => Task.FromResult<object>(ClearSnapshot(request.Arguments)));
        server.Register("listsnapshots", _ => Task.FromResult<object>(ListSnapshots()));
        server.Register("enableautocompaction", request => Task.FromResult<object>(SetAutoCompaction(request.Arguments, true)));
        server.Register("disableautocompaction", request => Task.FromResult<object>(SetAutoCompaction(request.Arguments, false)));
        server.Register("tablestats", request => Task.FromResult<object>(TableStats(request.Arguments)));
        server.Register("cfstats", request => Task.FromResult<object>(TableStats(request.Arguments)));
    }

    /// <summary>nodetool's "[keyspace [tables...]]" selection: every table when nothing is named.</summary>
    public List<TableStore> Select(IReadOnlyList<string> positional)
    {
        var all = _registry.TableStores;
        if (positional.Count == 0) return [.. all.OrderBy(t => t.Keyspace, StringComparer.Ordinal).ThenBy(t => t.Table, StringComparer.Ordinal)];
        string keyspace = positional[0];
        var inKeyspace = all.Where(t => t.Keyspace == keyspace).OrderBy(t => t.Table, StringComparer.Ordinal).ToList();
        if (inKeyspace.Count == 0) throw new AdminOperationException($"Keyspace [{keyspace}] does not exist.");
        if (positional.Count == 1) return inKeyspace;
        var selected = new List<TableStore>();
        foreach (string table in positional.Skip(1))
            selected.Add(_registry.FindTableStore(keyspace, table)
                ?? throw new AdminOperationException($"Unknown keyspace/cf pair ({keyspace}.{table})"));
        return selected;
    }

    private async Task<object> FlushAsync(AdminRequest request)
    {
        var tables = Select(Positional(request.Arguments, flags: []));
        await Task.WhenAll(tables.Select(t => t.FlushAsync())).WaitAsync(request.CancellationToken).ConfigureAwait(false);
        return "";
    }

    private async Task<object> CompactAsync(AdminRequest request)
    {
        // -s/--split-output is accepted (size-tiered output is one SSTable either way).
        var tables = Select(Positional(request.Arguments, flags: ["-s", "--split-output"]));
        foreach (var table in tables)
        {
            await table.FlushAsync().WaitAsync(request.CancellationToken).ConfigureAwait(false);
            await table.CompactAsync(request.CancellationToken).ConfigureAwait(false);
        }
        return "";
    }

    private async Task<object> SnapshotAsync(AdminRequest request)
    {
        var args = request.Arguments;
        string tag = _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        string? table = null;
        bool skipFlush = false;
        var keyspaces = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-t" or "--tag":
                    tag = Value(args, ref i);
                    break;
                case "-cf" or "--column-family" or "--table":
                    table = Value(args, ref i);
                    break;
                case "-sf" or "--skip-flush":
                    skipFlush = true;
                    break;
                default:
                    if (args[i].StartsWith('-')) throw new AdminOperationException($"Unknown option {args[i]}");
                    keyspaces.Add(args[i]);
                    break;
            }
        }
        if (table is not null && keyspaces.Count != 1)
            throw new AdminOperationException("When specifying the table for a snapshot, you must specify one and only one keyspace");
        var tables = keyspaces.Count == 0 ? Select([]) : keyspaces.SelectMany(ks => Select(table is null ? [ks] : [ks, table])).ToList();
        foreach (var t in tables)
        {
            if (t.ListSnapshots().Any(s => s.Name == tag))
                throw new AdminOperationException($"Snapshot {tag} already exists.");
        }
        foreach (var t in tables)
            await t.SnapshotAsync(tag, flush: !skipFlush).WaitAsync(request.CancellationToken).ConfigureAwait(false);
        string which = keyspaces.Count == 0 ? "[all keyspaces]" : "[" + string.Join(", ", keyspaces) + "]";
        return $"Requested creating snapshot(s) for {which} with snapshot name [{tag}] and options {{skipFlush={(skipFlush ? "true" : "false")}}}\n" +
               $"Snapshot directory: {tag}\n";
    }

    private string ClearSnapshot(IReadOnlyList<string> args)
    {
        string? tag = null;
        bool all = false;
        var keyspaces = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-t" or "--tag":
                    tag = Value(args, ref i);
                    break;
                case "--all":
                    all = true;
                    break;
                default:
                    if (args[i].StartsWith('-')) throw new AdminOperationException($"Unknown option {args[i]}");
                    keyspaces.Add(args[i]);
                    break;
            }
        }
        if (tag is null && !all) throw new AdminOperationException("Specify snapshot name or --all");
        if (tag is not null && all) throw new AdminOperationException("Specify only one of snapshot name or --all");
        var tables = keyspaces.Count == 0 ? Select([]) : keyspaces.SelectMany(ks => Select([ks])).ToList();
        foreach (var t in tables) t.ClearSnapshot(tag);
        string which = keyspaces.Count == 0 ? "[all keyspaces]" : "[" + string.Join(", ", keyspaces) + "]";
        return $"Requested clearing snapshot(s) for {which} with {(tag is null ? "[all snapshots]" : $"snapshot name [{tag}]")}\n";
    }

    private string ListSnapshots()
    {
        var snapshots = _registry.TableStores.SelectMany(t => t.ListSnapshots())
            .OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Keyspace, StringComparer.Ordinal).ThenBy(s => s.Table, StringComparer.Ordinal).ToList();
        if (snapshots.Count == 0) return "Snapshot Details: \nThere are no snapshots\n";
        var rows = new List<string[]> { new[] { "Snapshot name", "Keyspace name", "Column family name", "True size", "Size on disk", "Creation time" } };
        foreach (var s in snapshots)
            rows.Add([s.Name, s.Keyspace, s.Table, HumanSize(s.TrueSize), HumanSize(s.SizeOnDisk), s.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)]);
        var sb = new StringBuilder("Snapshot Details: \n");
        AppendTable(sb, rows);
        sb.Append("\nTotal TrueDiskSpaceUsed: ").Append(HumanSize(snapshots.Sum(s => s.TrueSize))).Append("\n\n");
        return sb.ToString();
    }

    private string SetAutoCompaction(IReadOnlyList<string> args, bool enabled)
    {
        foreach (var t in Select(Positional(args, flags: []))) t.AutoCompactionEnabled = enabled;
        return "";
    }

    /// <summary>nodetool tablestats [-H] [keyspace[.table] ...], in Cassandra's layout (the lines Sibyl measures).</summary>
    public string TableStats(IReadOnlyList<string> args)
    {
        bool human = args.Contains("-H") || args.Contains("--human-readable");
        var selected = new List<TableStore>();
        foreach (string arg in args.Where(a => !a.StartsWith('-')))
        {
            int dot = arg.IndexOf('.', StringComparison.Ordinal);
            selected.AddRange(dot < 0 ? Select([arg]) : Select([arg[..dot], arg[(dot + 1)..]]));
        }
        if (!args.Any(a => !a.StartsWith('-'))) selected = Select([]);
        var stats = selected.Distinct().Select(t => t.GetStats()).ToList();
        string Size(long bytes) => human ? HumanSize(bytes) : bytes.ToString(CultureInfo.InvariantCulture);
        static string Num(double d) => d.ToString("0.00000", CultureInfo.InvariantCulture);

        var sb = new StringBuilder();
        sb.Append("Total number of tables: ").Append(stats.Count).Append('\n');
        sb.Append("----------------\n");
        foreach (var keyspace in stats.GroupBy(s => s.Keyspace))
        {
            sb.Append("Keyspace : ").Append(keyspace.Key).Append('\n');
            sb.Append("\tRead Count: ").Append(keyspace.Sum(s => s.LocalReadCount)).Append('\n');
            sb.Append("\tWrite Count: ").Append(keyspace.Sum(s => s.LocalWriteCount)).Append('\n');
            foreach (var s in keyspace)
            {
                sb.Append("\t\tTable: ").Append(s.Table).Append('\n');
                sb.Append("\t\tSSTable count: ").Append(s.SSTableCount).Append('\n');
                if (s.SSTablesInEachLevel.Count > 1)
                {
                    // Cassandra prints the nine levels LCS keeps.
                    var levels = Enumerable.Range(0, Math.Max(9, s.SSTablesInEachLevel.Count))
                        .Select(l => l < s.SSTablesInEachLevel.Count ? s.SSTablesInEachLevel[l] : 0);
                    sb.Append("\t\tSSTables in each level: [").Append(string.Join(", ", levels)).Append("]\n");
                }
                sb.Append("\t\tSpace used (live): ").Append(Size(s.SpaceUsedLive)).Append('\n');
                sb.Append("\t\tSpace used (total): ").Append(Size(s.SpaceUsedTotal)).Append('\n');
                sb.Append("\t\tSpace used by snapshots (total): ").Append(Size(s.SpaceUsedBySnapshots)).Append('\n');
                sb.Append("\t\tSSTable Compression Ratio: ").Append(s.CompressionRatio.ToString("0.00000", CultureInfo.InvariantCulture)).Append('\n');
                sb.Append("\t\tNumber of partitions (estimate): ").Append(s.EstimatedPartitions).Append('\n');
                sb.Append("\t\tMemtable data size: ").Append(Size(s.MemtableDataSize)).Append('\n');
                sb.Append("\t\tMemtable switch count: ").Append(s.MemtableSwitchCount).Append('\n');
                sb.Append("\t\tLocal read count: ").Append(s.LocalReadCount).Append('\n');
                sb.Append("\t\tLocal write count: ").Append(s.LocalWriteCount).Append('\n');
                sb.Append("\t\tPending compactions: ").Append(s.PendingCompactions).Append('\n');
                sb.Append("\t\tBloom filter space used: ").Append(Size(s.BloomFilterSpaceUsed)).Append('\n');
                sb.Append("\t\tIndex summary off heap memory used: ").Append(Size(s.IndexSummarySpaceUsed)).Append('\n');
                sb.Append("\t\tCompacted partition minimum bytes: ").Append(s.MinPartitionBytes).Append('\n');
                sb.Append("\t\tCompacted partition maximum bytes: ").Append(s.MaxPartitionBytes).Append('\n');
                sb.Append("\t\tCompacted partition mean bytes: ").Append(s.MeanPartitionBytes).Append('\n');
                sb.Append("\t\tDroppable tombstone ratio: ").Append(Num(s.DroppableTombstoneRatio)).Append('\n');
                sb.Append("\t\tAutocompaction enabled: ").Append(s.AutoCompactionEnabled ? "true" : "false").Append('\n');
                sb.Append('\n');
            }
            sb.Append("----------------\n");
        }
        return sb.ToString();
    }

    private static List<string> Positional(IReadOnlyList<string> args, string[] flags)
    {
        var positional = new List<string>();
        foreach (string arg in args)
        {
            if (flags.Contains(arg)) continue;
            if (arg.StartsWith('-')) throw new AdminOperationException($"Unknown option {arg}");
            positional.Add(arg);
        }
        return positional;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count) throw new AdminOperationException($"Missing value for option {args[i]}");
        return args[++i];
    }

    /// <summary>Cassandra's FileUtils.stringifyFileSize: bytes, KiB, MiB, GiB with two decimals.</summary>
    private static string HumanSize(long bytes)
    {
        const double K = 1024, M = K * 1024, G = M * 1024, T = G * 1024;
        return bytes switch
        {
            >= (long)T => (bytes / T).ToString("0.##", CultureInfo.InvariantCulture) + " TiB",
            >= (long)G => (bytes / G).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
            >= (long)M => (bytes / M).ToString("0.##", CultureInfo.InvariantCulture) + " MiB",
            >= (long)K => (bytes / K).ToString("0.##", CultureInfo.InvariantCulture) + " KiB",
            _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
        };
    }

    private static void AppendTable(StringBuilder sb, List<string[]> rows)
    {
        int columns = rows[0].Length;
        var widths = new int[columns];
        foreach (var row in rows)
            for (int c = 0; c < columns; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        foreach (var row in rows)
        {
            for (int c = 0; c < columns; c++)
            {
                sb.Append(row[c]);
                if (c < columns - 1) sb.Append(' ', widths[c] - row[c].Length + 1);
            }
            sb.Append('\n');
        }
    }
}
