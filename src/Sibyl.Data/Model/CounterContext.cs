using System.Buffers.Binary;

namespace Sibyl.Data.Model;

/// <summary>
/// The stored value of a counter cell (Cassandra's CounterContext), as bytes inside <see cref="Cell.Value"/>.
/// A counter cell is recognised by its value alone, so storage and <see cref="Cell.Reconcile"/> need no
/// column type. Layout (big-endian):
/// <code>
///   0..3  magic  0xFF 'C' 'T' 'X'      (a CQL bigint is 8 bytes, so no valid counter read ever looks like this)
///   4     kind   1 = shards, 2 = update
///   kind 1: n >= 1 shards of 32 bytes, sorted by counter id:
///           counter id (16 bytes: the host id of the replica that leads the shard, UUID byte order)
///           clock      (8 bytes: the shard's logical clock; a higher clock supersedes a lower one)
///           count      (8 bytes: the shard's running total)
///   kind 2: delta (8 bytes): an increment not yet applied by a leader (a statement's or batch's write)
/// </code>
/// Replicas merge shard contexts by keeping, per counter id, the shard with the highest clock; the counter's
/// value is the sum of the kept counts. Update contexts exist only between the statement and the leader,
/// which turns them into shard contexts before anything is written (they sum when merged with each other).
/// Only a regular (non-counter) blob written to look exactly like this layout could be mistaken for a counter.
/// </summary>
public static class CounterContext
{
    public const int HeaderSize = 5;
    public const int ShardSize = 32;
    public const int UpdateSize = HeaderSize + 8;

    private const byte ShardsKind = 1;
    private const byte UpdateKind = 2;

    private static ReadOnlySpan<byte> Magic => [0xFF, (byte)'C', (byte)'T', (byte)'X'];

    /// <summary>One shard of a context.</summary>
    public readonly record struct Shard(Guid CounterId, long Clock, long Count);

    /// <summary>Whether the bytes are a counter context (shards or update).</summary>
    public static bool IsContext(ReadOnlySpan<byte> value) => IsShards(value) || IsUpdate(value);

    public static bool IsUpdate(ReadOnlySpan<byte> value) =>
        value.Length == UpdateSize && value[..4].SequenceEqual(Magic) && value[4] == UpdateKind;

    public static bool IsShards(ReadOnlySpan<byte> value) =>
        value.Length >= HeaderSize + ShardSize && (value.Length - HeaderSize) % ShardSize == 0
        && value[..4].SequenceEqual(Magic) && value[4] == ShardsKind;

    /// <summary>An unapplied increment (negative to decrement).</summary>
    public static byte[] CreateUpdate(long delta)
    {
        var value = new byte[UpdateSize];
        Magic.CopyTo(value);
        value[4] = UpdateKind;
        BinaryPrimitives.WriteInt64BigEndian(value.AsSpan(HeaderSize), delta);
        return value;
    }

    /// <summary>The increment an update context carries.</summary>
    public static long UpdateDelta(ReadOnlySpan<byte> update)
    {
        if (!IsUpdate(update)) throw new ArgumentException("not a counter update context", nameof(update));
        return BinaryPrimitives.ReadInt64BigEndian(update[HeaderSize..]);
    }

    /// <summary>A context of one shard (what a leader writes for its own counter id).</summary>
    public static byte[] Create(Guid counterId, long clock, long count) => Create([new Shard(counterId, clock, count)]);

    /// <summary>A context of shards with distinct counter ids, in any order.</summary>
    public static byte[] Create(IReadOnlyList<Shard> shards)
    {
        if (shards.Count == 0) throw new ArgumentException("a counter context has at least one shard", nameof(shards));
        var sorted = shards.ToArray();
        Array.Sort(sorted, (a, b) => CompareIds(a.CounterId, b.CounterId));
        var value = new byte[HeaderSize + sorted.Length * ShardSize];
        Magic.CopyTo(value);
        value[4] = ShardsKind;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i].CounterId == sorted[i - 1].CounterId)
                throw new ArgumentException("duplicate counter id " + sorted[i].CounterId, nameof(shards));
            WriteShard(value.AsSpan(HeaderSize + i * ShardSize, ShardSize), sorted[i]);
        }
        return value;
    }

    public static int ShardCount(ReadOnlySpan<byte> context) => IsShards(context) ? (context.Length - HeaderSize) / ShardSize : 0;

    public static Shard ShardAt(ReadOnlySpan<byte> context, int index)
    {
        var s = context.Slice(HeaderSize + index * ShardSize, ShardSize);
        return new Shard(new Guid(s[..16], bigEndian: true), BinaryPrimitives.ReadInt64BigEndian(s[16..]), BinaryPrimitives.ReadInt64BigEndian(s[24..]));
    }

    /// <summary>The shard a counter id leads in this context, if any.</summary>
    public static Shard? FindShard(ReadOnlySpan<byte> context, Guid counterId)
    {
        int n = ShardCount(context);
        for (int i = 0; i < n; i++)
        {
            var shard = ShardAt(context, i);
            if (shard.CounterId == counterId) return shard;
        }
        return null;
    }

    /// <summary>The counter's value: the sum of the shard counts (an update's delta; 0 for anything else).</summary>
    public static long Total(ReadOnlySpan<byte> context)
    {
        if (IsUpdate(context)) return BinaryPrimitives.ReadInt64BigEndian(context[HeaderSize..]);
        long total = 0;
        int n = ShardCount(context);
        for (int i = 0; i < n; i++)
            total = unchecked(total + BinaryPrimitives.ReadInt64BigEndian(context.Slice(HeaderSize + i * ShardSize + 24, 8)));
        return total;
    }

    /// <summary>
    /// Merges two contexts of the same counter: per counter id the shard with the higher clock wins (at equal
    /// clocks, the higher count, so the merge stays commutative); two updates sum. Commutative, associative and
    /// idempotent on shard contexts. An update merged with shards yields the shards: updates never reach storage.
    /// Returns one of the inputs when it already holds the result.
    /// </summary>
    public static byte[] Merge(byte[] a, byte[] b)
    {
        bool aUpdate = IsUpdate(a), bUpdate = IsUpdate(b);
        if (aUpdate && bUpdate) return CreateUpdate(unchecked(UpdateDelta(a) + UpdateDelta(b)));
        if (aUpdate) return b;
        if (bUpdate) return a;
        int na = ShardCount(a), nb = ShardCount(b);
        var merged = new List<Shard>(na + nb);
        bool aWinsAll = true, bWinsAll = true;
        int i = 0, j = 0;
        while (i < na || j < nb)
        {
            int c = i == na ? 1 : j == nb ? -1 : CompareIds(ShardAt(a, i).CounterId, ShardAt(b, j).CounterId);
            if (c < 0) { merged.Add(ShardAt(a, i++)); bWinsAll = false; }
            else if (c > 0) { merged.Add(ShardAt(b, j++)); aWinsAll = false; }
            else
            {
                Shard x = ShardAt(a, i++), y = ShardAt(b, j++);
                bool xWins = x.Clock != y.Clock ? x.Clock > y.Clock : x.Count >= y.Count;
                merged.Add(xWins ? x : y);
                if (x != y)
                {
                    if (xWins) bWinsAll = false;
                    else aWinsAll = false;
                }
            }
        }
        if (aWinsAll) return a;
        if (bWinsAll) return b;
        return Create(merged);
    }

    /// <summary>
    /// Cassandra's counter reconciliation (Conflicts.resolveCounter) when either cell holds a counter context;
    /// null when neither does. A tombstone beats a live counter cell whatever the timestamps (counter deletions
    /// are final); two tombstones keep the later; two live counter cells merge their contexts and keep the
    /// higher timestamp.
    /// </summary>
    public static Cell? TryReconcile(Cell a, Cell b)
    {
        bool aCounter = IsContext(a.Value), bCounter = IsContext(b.Value);
        if (!aCounter && !bCounter) return null;
        bool aDead = a.IsTombstone, bDead = b.IsTombstone;
        if (aDead || bDead)
        {
            // A tombstone only takes this path against a counter cell.
            if (aDead && bDead) return null;
            return aDead ? a : b;
        }
        if (!aCounter || !bCounter) return null;
        var value = Merge(a.Value, b.Value);
        long timestamp = Math.Max(a.Timestamp, b.Timestamp);
        if (ReferenceEquals(value, a.Value) && timestamp == a.Timestamp) return a;
        if (ReferenceEquals(value, b.Value) && timestamp == b.Timestamp) return b;
        return new Cell(a.Column, a.Path, value, timestamp, LivenessInfo.NoTtl, LivenessInfo.NoExpiration);
    }

    private static void WriteShard(Span<byte> target, Shard shard)
    {
        shard.CounterId.TryWriteBytes(target[..16], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(target[16..], shard.Clock);
        BinaryPrimitives.WriteInt64BigEndian(target[24..], shard.Count);
    }

    /// <summary>Counter ids in UUID byte order.</summary>
    private static int CompareIds(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16], y = stackalloc byte[16];
        a.TryWriteBytes(x, bigEndian: true, out _);
        b.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }
}
