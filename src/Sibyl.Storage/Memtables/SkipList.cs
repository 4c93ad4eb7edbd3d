using System.Runtime.CompilerServices;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// An insert-only, lock-free sorted map (a skip list with tower height ratio 1/4): memtables only ever add
/// partitions and rows until they are flushed whole, so no node is ever unlinked, which keeps the algorithm
/// to compare-and-swap on the successor links. Lookups and ordered walks never block; concurrent inserts of
/// the same key agree on one node. A node's value may be replaced by whoever owns it (the partition lock).
/// Searches are pointer chasing, so nodes keep their level-0 link inline (three in four nodes have no other)
/// and may keep a 64-bit prefix of their key's order (a partition's token) compared before the key itself.
/// </summary>
internal sealed class SkipList<TKey, TValue>
    where TValue : class
{
    /// <summary>Towers stop growing past this: 4^16 entries.</summary>
    public const int MaxHeight = 16;

    /// <summary>About what one node costs on the heap (object, and a tower array for one node in four), for memtable accounting.</summary>
    public const int NodeOverhead = 56 + 12;

    private readonly IComparer<TKey> _comparer;
    private readonly Func<TKey, long>? _prefixOf;
    private readonly Node _head;
    private readonly int _height;
    private int _count;

    /// <param name="height">The tallest tower: a list of a partition's rows starts small, as most partitions hold few
    /// rows (4^height entries before searches slow down).</param>
    /// <param name="prefixOf">A key's order prefix: keys with smaller prefixes sort first, equal prefixes fall back to
    /// <paramref name="comparer"/>. Null compares keys only.</param>
    public SkipList(IComparer<TKey> comparer, int height = MaxHeight, Func<TKey, long>? prefixOf = null)
    {
        _comparer = comparer;
        _prefixOf = prefixOf;
        _height = Math.Clamp(height, 1, MaxHeight);
        _head = new Node(default!, 0, null!, _height);
    }

    public int Count => Volatile.Read(ref _count);

    public bool TryGetValue(TKey key, out TValue value)
    {
        var node = Find(key, Prefix(key), out _, out _, fillPath: false);
        value = node is null ? null! : Volatile.Read(ref node.Value);
        return node is not null;
    }

    /// <summary>The value under <paramref name="key"/>, created by <paramref name="create"/> when absent (it may run and
    /// be discarded when another thread wins the insert).</summary>
    public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> create, TArg arg, out bool added) =>
        GetOrAddNode(key, create, arg, out added).Value;

    /// <summary>As <see cref="GetOrAdd"/>, returning the node so its owner can replace the value without a second search.</summary>
    public Node GetOrAddNode<TArg>(TKey key, Func<TKey, TArg, TValue> create, TArg arg, out bool added)
    {
        long prefix = Prefix(key);
        Node? node = null;
        while (true)
        {
            var found = Find(key, prefix, out var preds, out var succs, fillPath: true);
            if (found is not null)
            {
                added = false;
                return found;
            }
            node ??= new Node(key, prefix, create(key, arg), RandomHeight(_height));
            node.Next0 = succs[0];
            if (Interlocked.CompareExchange(ref preds[0]!.Next0, node, succs[0]) != succs[0]) continue;
            Interlocked.Increment(ref _count);
            for (int level = 1; level < node.Height; level++)
            {
                while (true)
                {
                    var succ = succs[level];
                    Volatile.Write(ref node.NextAt(level), succ);
                    if (Interlocked.CompareExchange(ref preds[level]!.NextAt(level), node, succ) == succ) break;
                    Find(key, prefix, out preds, out succs, fillPath: true); // a neighbour changed: find this level's place again
                }
            }
            added = true;
            return node;
        }
    }

    /// <summary>Entries in order from the first key for which <paramref name="isBefore"/> (monotone over the order) is false.</summary>
    public Cursor From<TState>(TState state, Func<TState, TKey, bool> isBefore)
    {
        var pred = _head;
        for (int level = _height - 1; level >= 0; level--)
        {
            var cur = Volatile.Read(ref pred.NextAt(level));
            while (cur is not null && isBefore(state, cur.Key))
            {
                pred = cur;
                cur = Volatile.Read(ref cur.NextAt(level));
            }
        }
        return new Cursor(Volatile.Read(ref pred.Next0));
    }

    /// <summary>Every entry in order.</summary>
    public Cursor First() => new(Volatile.Read(ref _head.Next0));

    /// <summary>Entries in order from the first whose key compares at or after <paramref name="key"/>.</summary>
    public Cursor From(TKey key)
    {
        Find(key, Prefix(key), out _, out var succs, fillPath: true);
        return new Cursor(succs[0]);
    }

    private long Prefix(TKey key) => _prefixOf is null ? 0 : _prefixOf(key);

    private int Compare(Node node, TKey key, long prefix)
    {
        if (node.Prefix != prefix) return node.Prefix < prefix ? -1 : 1;
        return _comparer.Compare(node.Key, key);
    }

    private Node? Find(TKey key, long prefix, out Path preds, out Path succs, bool fillPath)
    {
        preds = default;
        succs = default;
        var pred = _head;
        Node? cur = null;
        int c = 1;
        for (int level = _height - 1; level >= 0; level--)
        {
            cur = Volatile.Read(ref pred.NextAt(level));
            while (cur is not null)
            {
                c = Compare(cur, key, prefix);
                if (c >= 0) break;
                pred = cur;
                cur = Volatile.Read(ref cur.NextAt(level));
            }
            if (cur is not null && c == 0 && !fillPath) return cur;
            preds[level] = pred;
            succs[level] = cur;
        }
        return cur is not null && c == 0 ? cur : null;
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
            _next = Volatile.Read(ref node.Next0);
            return true;
        }
    }

    internal sealed class Node(TKey key, long prefix, TValue value, int height)
    {
        public readonly TKey Key = key;
        public readonly long Prefix = prefix;
        public TValue Value = value;
        public Node? Next0;
        private readonly Node?[]? _upper = height > 1 ? new Node?[height - 1] : null;

        public int Height => _upper is null ? 1 : _upper.Length + 1;

        /// <summary>The successor link at a level below <see cref="Height"/>.</summary>
        public ref Node? NextAt(int level) => ref level == 0 ? ref Next0 : ref _upper![level - 1];
    }

    [InlineArray(MaxHeight)]
    private struct Path
    {
        private Node? _element;
    }
}
