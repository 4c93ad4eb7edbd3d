using System.Collections;

namespace Sibyl.Data.Model;

/// <summary>A view of a <see cref="Mutation"/>'s updates with a struct enumerator, so the write path iterates
/// them without allocating; LINQ still works through the interface.</summary>
public readonly struct PartitionUpdateCollection : IReadOnlyCollection<PartitionUpdate>
{
    private readonly PartitionUpdate[] _items;
    private readonly int _count;

    internal PartitionUpdateCollection(PartitionUpdate[] items, int count)
    {
        _items = items;
        _count = count;
    }

    public int Count => _count;

    public PartitionUpdate this[int index] =>
        (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(_items, _count);

    IEnumerator<PartitionUpdate> IEnumerable<PartitionUpdate>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<PartitionUpdate>
    {
        private readonly PartitionUpdate[] _items;
        private readonly int _count;
        private int _index;

        internal Enumerator(PartitionUpdate[] items, int count)
        {
            _items = items;
            _count = count;
            _index = -1;
        }

        public readonly PartitionUpdate Current => _items[_index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < _count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
