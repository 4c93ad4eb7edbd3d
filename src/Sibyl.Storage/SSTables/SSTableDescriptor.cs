using System.Globalization;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// Names the files of one SSTable: <c>&lt;dir&gt;/sa-&lt;generation&gt;-big-&lt;Component&gt;</c>, Cassandra's
/// naming with Sibyl's own format version "sa". Files being written carry a <c>tmp-</c> prefix until published.
/// </summary>
public sealed record SSTableDescriptor(string Directory, int Generation)
{
    public const string Version = "sa";
    public const string TemporaryPrefix = "tmp-";

    public static readonly IReadOnlyList<SSTableComponent> AllComponents =
        [SSTableComponent.Data, SSTableComponent.Index, SSTableComponent.Summary, SSTableComponent.Filter, SSTableComponent.Statistics, SSTableComponent.Toc];

    public static string FileSuffix(SSTableComponent component) => component switch
    {
        SSTableComponent.Data => "Data.db",
        SSTableComponent.Index => "Index.db",
        SSTableComponent.Summary => "Summary.db",
        SSTableComponent.Filter => "Filter.db",
        SSTableComponent.Statistics => "Statistics.db",
        SSTableComponent.Toc => "TOC.txt",
        _ => throw new ArgumentOutOfRangeException(nameof(component)),
    };

    public string FileName(SSTableComponent component) =>
        $"{Version}-{Generation.ToString(CultureInfo.InvariantCulture)}-big-{FileSuffix(component)}";

    public string PathOf(SSTableComponent component, bool temporary = false) =>
        Path.Combine(Directory, (temporary ? TemporaryPrefix : "") + FileName(component));

    /// <summary>Parses a published or temporary component file name; false for foreign files.</summary>
    public static bool TryParse(string path, out SSTableDescriptor? descriptor, out bool temporary)
    {
        descriptor = null;
        string name = Path.GetFileName(path);
        temporary = name.StartsWith(TemporaryPrefix, StringComparison.Ordinal);
        if (temporary) name = name[TemporaryPrefix.Length..];
        var parts = name.Split('-');
        if (parts.Length != 4 || parts[0] != Version || parts[2] != "big") return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int generation)) return false;
        descriptor = new SSTableDescriptor(Path.GetDirectoryName(path) ?? ".", generation);
        return true;
    }

    public override string ToString() => PathOf(SSTableComponent.Data);
}
