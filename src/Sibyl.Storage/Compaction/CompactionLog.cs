using System.Globalization;
using System.Text;
using Sibyl.Storage.SSTables;

namespace Sibyl.Storage.Compaction;

/// <summary>
/// A compaction's transaction record (Cassandra's LogTransaction, simplified): <c>compaction-&lt;id&gt;.log</c> lists
/// the inputs ("remove:&lt;generation&gt;") and outputs ("add:&lt;generation&gt;"), then "commit" once every output
/// is published. At start-up a committed log finishes deleting its inputs; an uncommitted one deletes its
/// outputs. Either way the table ends with exactly one copy of the data.
/// </summary>
internal sealed class CompactionLog : IDisposable
{
    public const string Prefix = "compaction-";
    public const string Suffix = ".log";

    private readonly FileStream _stream;

    private CompactionLog(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    public static CompactionLog Begin(string directory, int id, IEnumerable<SSTableDescriptor> inputs)
    {
        string path = System.IO.Path.Combine(directory, Prefix + id.ToString(CultureInfo.InvariantCulture) + Suffix);
        var log = new CompactionLog(path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
        foreach (var input in inputs) log.Append("remove:" + input.Generation.ToString(CultureInfo.InvariantCulture));
        DirectorySync.Sync(directory);
        return log;
    }

    public void AddOutput(SSTableDescriptor output) => Append("add:" + output.Generation.ToString(CultureInfo.InvariantCulture));

    public void Commit() => Append("commit");

    private void Append(string line)
    {
        _stream.Write(Encoding.ASCII.GetBytes(line + "\n"));
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Closes and deletes the log once its outcome is fully applied.</summary>
    public void Complete()
    {
        _stream.Dispose();
        File.Delete(Path);
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Applies the outcome of every log left by a crash; call before opening the directory's SSTables.</summary>
    public static void Recover(string directory)
    {
        foreach (var path in System.IO.Directory.GetFiles(directory, Prefix + "*" + Suffix))
        {
            var lines = File.ReadAllLines(path);
            bool committed = lines.Contains("commit");
            string doomed = committed ? "remove:" : "add:";
            foreach (var line in lines)
            {
                if (!line.StartsWith(doomed, StringComparison.Ordinal)) continue;
                if (int.TryParse(line.AsSpan(doomed.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int generation))
                    SSTableReader.DeleteFiles(new SSTableDescriptor(directory, generation));
            }
            File.Delete(path);
        }
    }
}
