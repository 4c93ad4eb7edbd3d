namespace Sibyl.Storage.Memtables;

/// <summary>
/// Hands out space for serialized rows from regions of up to 1 MiB (Cassandra's slab allocator). A row kept
/// this way is bytes inside one large array, not a graph of small objects: the garbage collector never traces
/// or copies it, so a memtable full of recent writes costs gen0 collections nothing, and an overwritten row is
/// dead space in its region until the memtable is flushed and dropped. Regions start small and double, so the
/// many tables that hold a few rows stay small. Thread-safe: a bump pointer per region.
/// </summary>
internal sealed class MemtableAllocator
{
    public const int MaxRegionSize = 1 << 20;
    private const int FirstRegionSize = 4 << 10;

    /// <summary>Rows larger than this get an array of their own, so a region is never mostly wasted.</summary>
    public const int MaxRegionAllocation = MaxRegionSize / 8;

    private readonly Lock _lock = new();
    private Region? _current;
    private long _allocated;

    /// <summary>Bytes of the regions and own arrays handed out so far.</summary>
    public long AllocatedBytes => Interlocked.Read(ref _allocated);

    /// <summary>Space for <paramref name="size"/> bytes: an array and the offset of the space in it.</summary>
    public byte[] Allocate(int size, out int offset)
    {
        if (size > MaxRegionAllocation)
        {
            Interlocked.Add(ref _allocated, size);
            offset = 0;
            return GC.AllocateUninitializedArray<byte>(size);
        }
        while (true)
        {
            var region = Volatile.Read(ref _current);
            if (region is not null)
            {
                int end = Interlocked.Add(ref region.Next, size);
                if (end <= region.Bytes.Length)
                {
                    offset = end - size;
                    return region.Bytes;
                }
            }
            lock (_lock)
            {
                if (ReferenceEquals(_current, region))
                {
                    int regionSize = region is null ? FirstRegionSize : Math.Min(MaxRegionSize, region.Bytes.Length * 2);
                    regionSize = Math.Max(regionSize, size);
                    Volatile.Write(ref _current, new Region(regionSize));
                    Interlocked.Add(ref _allocated, regionSize);
                }
            }
        }
    }

    private sealed class Region(int size)
    {
        public readonly byte[] Bytes = GC.AllocateUninitializedArray<byte>(size);
        public int Next;
    }
}
