using System.Text;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// Column names as SSTable rows store them (UTF-8, once per cell) decoded to the same string each time: a table has
/// few columns, so a small per-thread set of recently seen names spares a string per cell read.
/// </summary>
internal static class ColumnNameCache
{
    private const int Size = 16;
    private const int MaxNameBytes = 64;

    [ThreadStatic]
    private static (byte[] Utf8, string Name)[]? t_names;

    [ThreadStatic]
    private static int t_next;

    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxNameBytes) return Encoding.UTF8.GetString(utf8);
        var names = t_names ??= new (byte[], string)[Size];
        for (int i = 0; i < names.Length; i++)
        {
            var entry = names[i];
            if (entry.Utf8 is null) break;
            if (utf8.SequenceEqual(entry.Utf8)) return entry.Name;
        }
        string name = Encoding.UTF8.GetString(utf8);
        // Round robin: the slots fill in order, so the search above stops at the first empty one.
        names[t_next] = (utf8.ToArray(), name);
        t_next = (t_next + 1) % Size;
        return name;
    }
}
