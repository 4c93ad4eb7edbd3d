using System.Collections.Immutable;
using Sibyl.Storage.SSTables;

namespace Sibyl.Storage.Tables;

/// <summary>
/// An immutable snapshot of a table's data sources, swapped atomically: the memtable taking writes, memtables
/// being flushed (readable until their SSTable is published) and the live SSTables.
/// </summary>
internal sealed record TableView(MemtableHandle Current, ImmutableList<MemtableHandle> Flushing, ImmutableList<SSTableReader> SSTables)
{
    public IEnumerable<MemtableHandle> Memtables
    {
        get
        {
            yield return Current;
            foreach (var m in Flushing) yield return m;
        }
    }
}
