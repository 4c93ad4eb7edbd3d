using System.Collections.Concurrent;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// The column names of one memtable as small ids: rows kept in the memtable's slabs carry a vint instead of
/// the name, and read back the very string instance they were written with (the schema's), so reading a row
/// allocates no names. Ids live as long as the memtable and never reach the disk.
/// </summary>
internal sealed class ColumnNameTable
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Lock _growLock = new();
    private volatile string[] _names = new string[8];
    private int _count;

    public int IdOf(string name)
    {
        if (_ids.TryGetValue(name, out int id)) return id;
        lock (_growLock)
        {
            if (_ids.TryGetValue(name, out id)) return id;
            id = _count;
            var names = _names;
            if (id == names.Length)
            {
                var larger = new string[names.Length * 2];
                Array.Copy(names, larger, names.Length);
                names = larger;
            }
            names[id] = name;
            _names = names;
            _count = id + 1;
            // Published last: a row can only carry an id whose name is already readable.
            _ids[name] = id;
            return id;
        }
    }

    public string NameOf(int id)
    {
        var names = _names;
        return (uint)id < (uint)names.Length && names[id] is { } name
            ? name
            : throw new InvalidDataException($"Unknown memtable column id {id}");
    }
}
