using System.Collections;

namespace Sibyl.Data.Model;

/// <summary>
/// A read-only view of a few items (a <see cref="Mutation"/>'s updates, a <see cref="PartitionUpdate"/>'s rows and
/// range tombstones) with a struct enumerator, so the write path iterates them without allocating; LINQ still
/// works through the interface. Nearly always there is one item: it is held without an array
/// (<see cref="ItemsBuilder{T}"/>).
/// </summary>
public readonly struct ReadOnlyItems<T> : IReadOnlyList<T>
{
    private readonly T? _lone;
    private readonly T[]? _items;
    private readonly int _count;

    internal ReadOnlyItems(T? lone, T[]? items, int count)
    {
        _lone = lone;
        _items = items;
        _count = count;
    }

    public int Count => _count;

    public T this[int index] =>
        (uint)index >= (uint)_count ? throw new ArgumentOutOfRangeException(nameof(index))
        : _items is null ? _lone! : _items[index];

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<T>
    {
        private readonly ReadOnlyItems<T> _list;
        private int _index;

        internal Enumerator(ReadOnlyItems<T> list)
        {
            _list = list;
            _index = -1;
        }

        public readonly T Current => _list[_index];

        readonly object? IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < _list._count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}

/// <summary>
/// The growing side of <see cref="ReadOnlyItems{T}"/>: one item in a field, an array from the second. Also how
/// a read gathers its rows, nearly always one (<see cref="ToReadOnlyList"/>).
/// </summary>
public struct ItemsBuilder<T>
{
    private T? _lone;
    private T[]? _items;
    private int _count;

    public readonly int Count => _count;

    public readonly ReadOnlyItems<T> View => new(_lone, _items, _count);

    /// <summary>The items as a list object that outlives the builder: one item in a single-item list, no array.
    /// The builder is not to be added to afterwards (the list may be its array).</summary>
    public readonly IReadOnlyList<T> ToReadOnlyList() => _count switch
    {
        0 => [],
        1 => [_lone!],
        _ when _count == _items!.Length => _items,
        _ => new ArraySegment<T>(_items, 0, _count),
    };

    public void Add(T item)
    {
        if (_count == 0)
        {
            _lone = item;
        }
        else
        {
            if (_items is null)
            {
                _items = new T[4];
                _items[0] = _lone!;
                _lone = default;
            }
            else if (_count == _items.Length)
            {
                Array.Resize(ref _items, _count * 2);
            }
            _items[_count] = item;
        }
        _count++;
    }
}
