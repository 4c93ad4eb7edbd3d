using System.Collections;

namespace Sibyl.Data.Model;

/// <summary>The first <see cref="Count"/> items of an array, read-only, with a struct enumerator: the write path
/// iterates a <see cref="PartitionUpdate"/>'s rows and range tombstones without allocating; LINQ still works
/// through the interface.</summary>
public readonly struct ReadOnlyItems<T> : IReadOnlyList<T>
{
    private readonly T[] _items;
    private readonly int _count;

    internal ReadOnlyItems(T[] items, int count)
    {
        _items = items;
        _count = count;
    }

    public int Count => _count;

    public T this[int index] =>
        (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(_items ?? [], _count);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<T>
    {
        private readonly T[] _items;
        private readonly int _count;
        private int _index;

        internal Enumerator(T[] items, int count)
        {
            _items = items;
            _count = count;
            _index = -1;
        }

        public readonly T Current => _items[_index];

        readonly object? IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < _count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
