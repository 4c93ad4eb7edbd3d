using System.Runtime.CompilerServices;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// An insert-only, lock-free sorted map (a skip list with tower height ratio 1/4): memtables only ever add
/// partitions and rows until they are flushed whole, so no node is ever unlinked, which keeps the algorithm
/// to compare-and-swap on the successor links. Lookups and ordered walks never block; concurrent inserts of
/// the same key agree on one node. A node's value may be replaced by whoever owns it (the partition lock).
/// </summary>
internal sealed class SkipList<TKey, TValue>
    where TValue : class
{
    /// <summary>Towers stop growing past this: 4^16 entries.</summary>
    public const int MaxHeight = 16;

    private readonly IComparer<TKey> _comparer;
    private readonly Node _head;
    private readonly int _height;
    private int _count;

    /// <param name="height">The tallest tower: a list of a partition's rows starts small, as most partitions hold few
    /// rows (4^height entries before searches slow down).</param>
    public SkipList(IComparer<TKey> comparer, int height = MaxHeight)
    {
        _comparer = comparer;
        _height = Math.Clamp(height, 1, MaxHeight);
        _head = new Node(default!, null!, _height);
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>About what one node costs on the heap (object, tower array, average height 4/3), for memtable accounting.</summary>
    public const int NodeOverhead = 24 + 16 + 32 + 11;

    public bool TryGetValue(TKey key, out TValue value)
    {
        var node = Find(key, out _, out _, fillPath: false);
        value = node?.Value!;
        return node is not null;
    }

    /// <summary>The value under <paramref name="key"/>, created by <paramref name="create"/> when absent (it may run and
    /// be discarded when another thread wins the insert).</summary>
    public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> create, TArg arg, out bool added)
    {
        Node? node = null;
        while (true)
        {
            var found = Find(key, out var preds, out var succs, fillPath: true);
            if (found is not null)
            {
                added = false;
                return found.Value;
            }
            node ??= new Node(key, create(key, arg), RandomHeight(_height));
            node.Next[0] = succs[0];
            if (Interlocked.CompareExchange(ref preds[0]!.Next[0], node, succs[0]) != succs[0]) continue;
            Interlocked.Increment(ref _count);
            for (int level = 1; level < node.Next.Length; level++)
            {
                while (true)
                {
                    var succ = succs[level];
                    Volatile.Write(ref node.Next[level], succ);
                    if (Interlocked.CompareExchange(ref preds[level]!.Next[level], node, succ) == succ) break;
                    Find(key, out preds, out succs, fillPath: true); // a neighbour changed: find this level's place again
                }
            }
            added = true;
            return node.Value;
        }
    }

    /// <summary>Replaces the value of an existing key (the caller serialises writers of that key).</summary>
    public void SetValue(TKey key, TValue value)
    {
        var node = Find(key, out _, out _, fillPath: false) ?? throw new KeyNotFoundException();
        Volatile.Write(ref node.Value, value);
    }

    /// <summary>Entries in order from the first key for which <paramref name="isBefore"/> (monotone over the order) is false.</summary>
    public Cursor From<TState>(TState state, Func<TState, TKey, bool> isBefore)
    {
        var pred = _head;
        for (int level = _height - 1; level >= 0; level--)
        {
            var cur = Volatile.Read(ref pred.Next[level]);
            while (cur is not null && isBefore(state, cur.Key))
            {
                pred = cur;
                cur = Volatile.Read(ref cur.Next[level]);
            }
        }
        return new Cursor(Volatile.Read(ref pred.Next[0]));
    }

    /// <summary>Every entry in order.</summary>
    public Cursor First() => new(Volatile.Read(ref _head.Next[0]));

    /// <summary>Entries in order from the first whose key compares at or after <paramref name="key"/>.</summary>
    public Cursor From(TKey key)
    {
        Find(key, out _, out var succs, fillPath: true);
        return new Cursor(succs[0]);
    }

    private Node? Find(TKey key, out Path preds, out Path succs, bool fillPath)
    {
        preds = default;
        succs = default;
        var pred = _head;
        Node? cur = null;
        for (int level = _height - 1; level >= 0; level--)
        {
            cur = Volatile.Read(ref pred.Next[level]);
            while (cur is not null)
            {
                int c = _comparer.Compare(cur.Key, key);
                if (c < 0)
                {
                    pred = cur;
                    cur = Volatile.Read(ref cur.Next[level]);
                }
                else
                {
                    if (c == 0 && !fillPath) return cur;
                    break;
                }
            }
            preds[level] = pred;
            succs[level] = cur;
        }
        return cur is not null && _comparer.Compare(cur.Key, key) == 0 ? cur : null;
    }

    private static int RandomHeight(int max)
    {
        // Two random bits per level: each level holds a quarter of the one below.
        int bits = Random.Shared.Next() | (1 << (2 * (max - 1)));
        return 1 + (System.Numerics.BitOperations.TrailingZeroCount(bits) >> 1);
    }

    /// <summary>A forward walk over the nodes; sees entries inserted after it started when they land ahead of it.</summary>
    public struct Cursor(Node? next)
    {
        private Node? _next = next;

        public bool TryNext(out TKey key, out TValue value)
        {
            var node = _next;
            if (node is null)
            {
                key = default!;
                value = null!;
                return false;
            }
            key = node.Key;
            value = Volatile.Read(ref node.Value);
            _next = Volatile.Read(ref node.Next[0]);
            return true;
        }
    }

    internal sealed class Node(TKey key, TValue value, int height)
    {
        public readonly TKey Key = key;
        public TValue Value = value;
        public readonly Node?[] Next = new Node?[height];
    }

    [InlineArray(MaxHeight)]
    private struct Path
    {
        private Node? _element;
    }
}
