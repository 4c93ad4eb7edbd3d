using System.Buffers.Binary;
using System.Text;
using Sibyl.Common.Binary;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.Serialization;

/// <summary>
/// The binary form of a <see cref="Mutation"/> as the commit log stores it (layout in
/// docs/formats/commitlog.md). <see cref="ComputeSize"/> first, then <see cref="Serialize"/> writes once into
/// a span of exactly that size; <see cref="Deserialize"/> reads it back. Fixed-width numbers are big-endian;
/// lengths and counts are Cassandra's unsigned vints.
/// </summary>
public static class MutationSerializer
{
    /// <summary>The first byte of every serialized mutation. Bump it for any layout change and keep reading old ones.</summary>
    public const byte Version1 = 1;

    /// <summary>Version 1 plus complex deletions (row flag 0x04). Written only by mutations that carry one, so
    /// every other mutation keeps the version 1 bytes older readers know.</summary>
    public const byte Version2 = 2;

    private const byte RowHasLiveness = 0x01;
    private const byte RowHasDeletion = 0x02;
    private const byte RowHasComplexDeletions = 0x04;
    private const byte UpdateHasStaticRow = 0x01;
    private const byte CellHasPath = 0x01;
    private const byte CellHasExpiration = 0x02;
    private const byte BoundInclusive = 0x01;

    private const int DeletionTimeSize = 12;
    private const int LivenessSize = 16;

    public static int ComputeSize(Mutation mutation)
    {
        long size = 1 + StringSize(mutation.Keyspace) + 8 + BytesSize(mutation.Key.Key);
        size += VIntCoding.ComputeUnsignedVIntSize((ulong)mutation.Updates.Count);
        foreach (var update in mutation.Updates)
        {
            size += 16 + DeletionTimeSize + 1;
            size += VIntCoding.ComputeUnsignedVIntSize((ulong)update.RangeTombstones.Count);
            foreach (var rt in update.RangeTombstones)
                size += BoundSize(rt.Slice.Start) + BoundSize(rt.Slice.End) + DeletionTimeSize;
            if (update.StaticRow is not null) size += RowSize(update.StaticRow);
            size += VIntCoding.ComputeUnsignedVIntSize((ulong)update.Rows.Count);
            foreach (var row in update.Rows) size += RowSize(row);
        }
        if (size > int.MaxValue) throw new InvalidOperationException("Mutation too large to serialize: " + size + " bytes");
        return (int)size;
    }

    /// <summary>Writes the mutation into <paramref name="destination"/>; returns the bytes written (= <see cref="ComputeSize"/>).</summary>
    public static int Serialize(Mutation mutation, Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.Byte(HasComplexDeletions(mutation) ? Version2 : Version1);
        w.String(mutation.Keyspace);
        w.Long(mutation.Key.Token.Value);
        w.Bytes(mutation.Key.Key);
        w.UVInt(mutation.Updates.Count);
        foreach (var update in mutation.Updates)
        {
            w.Guid(update.TableId);
            w.Deletion(update.PartitionDeletion);
            w.UVInt(update.RangeTombstones.Count);
            foreach (var rt in update.RangeTombstones)
            {
                w.Bound(rt.Slice.Start);
                w.Bound(rt.Slice.End);
                w.Deletion(rt.Deletion);
            }
            w.Byte(update.StaticRow is null ? (byte)0 : UpdateHasStaticRow);
            if (update.StaticRow is not null) w.Row(update.StaticRow);
            w.UVInt(update.Rows.Count);
            foreach (var row in update.Rows) w.Row(row);
        }
        return w.Position;
    }

    public static byte[] Serialize(Mutation mutation)
    {
        var buffer = new byte[ComputeSize(mutation)];
        Serialize(mutation, buffer);
        return buffer;
    }

    /// <summary>
    /// Reads a mutation; throws <see cref="InvalidDataException"/> when the bytes are not one. Updates of tables
    /// <paramref name="includeTable"/> rejects are read past and left out (replay skips flushed or dropped tables).
    /// </summary>
    public static Mutation Deserialize(ReadOnlySpan<byte> source, Predicate<Guid>? includeTable = null)
    {
        var r = new SpanReader(source);
        byte version = r.Byte();
        if (version is not (Version1 or Version2)) throw new InvalidDataException($"Unknown mutation serialization version {version}");
        string keyspace = r.String();
        var token = new Token(r.Long());
        var key = new DecoratedKey(token, r.Bytes());
        var mutation = new Mutation(keyspace, key);
        int updates = r.Count();
        for (int u = 0; u < updates; u++)
        {
            var tableId = r.Guid();
            var update = includeTable is null || includeTable(tableId) ? mutation.GetOrAdd(tableId) : new PartitionUpdate(tableId, key);
            var partitionDeletion = r.Deletion();
            if (!partitionDeletion.IsLive) update.DeletePartition(partitionDeletion);
            int tombstones = r.Count();
            for (int i = 0; i < tombstones; i++)
            {
                var start = r.Bound();
                var end = r.Bound();
                update.AddRangeTombstone(new RangeTombstone(new Slice(start, end), r.Deletion()));
            }
            byte flags = r.Byte();
            if ((flags & UpdateHasStaticRow) != 0) update.Add(r.Row(isStatic: true));
            int rows = r.Count();
            for (int i = 0; i < rows; i++) update.Add(r.Row(isStatic: false));
        }
        if (r.Remaining != 0) throw new InvalidDataException($"{r.Remaining} unexpected bytes after a mutation");
        return mutation;
    }

    private static bool HasComplexDeletions(Mutation mutation)
    {
        foreach (var update in mutation.Updates)
        {
            if (update.StaticRow is { ComplexDeletions.Length: > 0 }) return true;
            foreach (var row in update.Rows)
                if (row.ComplexDeletions.Length > 0) return true;
        }
        return false;
    }

    private static int StringSize(string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        return VIntCoding.ComputeUnsignedVIntSize((ulong)n) + n;
    }

    private static int BytesSize(byte[] b) => VIntCoding.ComputeUnsignedVIntSize((ulong)b.Length) + b.Length;

    private static long ValuesSize(byte[][] values)
    {
        long size = VIntCoding.ComputeUnsignedVIntSize((ulong)values.Length);
        foreach (var v in values) size += BytesSize(v);
        return size;
    }

    private static long BoundSize(ClusteringBound bound) => 1 + ValuesSize(bound.Prefix);

    private static long RowSize(Row row)
    {
        long size = (row.IsStatic ? 0 : ValuesSize(row.Clustering.Values)) + 1;
        if (!row.PrimaryKeyLiveness.IsEmpty) size += LivenessSize;
        if (!row.Deletion.IsLive) size += DeletionTimeSize;
        if (row.ComplexDeletions.Length > 0)
        {
            size += VIntCoding.ComputeUnsignedVIntSize((ulong)row.ComplexDeletions.Length);
            foreach (var d in row.ComplexDeletions) size += StringSize(d.Column) + DeletionTimeSize;
        }
        size += VIntCoding.ComputeUnsignedVIntSize((ulong)row.Cells.Length);
        foreach (var cell in row.Cells)
        {
            size += 1 + StringSize(cell.Column) + BytesSize(cell.Value) + 8;
            if (cell.Path is not null) size += BytesSize(cell.Path);
            if (HasExpiration(cell)) size += 8;
        }
        return size;
    }

    /// <summary>A plain live cell (no TTL, never expires) omits ttl and local deletion time.</summary>
    private static bool HasExpiration(Cell cell) =>
        cell.Ttl != LivenessInfo.NoTtl || cell.LocalDeletionTime != LivenessInfo.NoExpiration;

    private ref struct SpanWriter(Span<byte> destination)
    {
        private readonly Span<byte> _buffer = destination;
        public int Position;

        public void Byte(byte value) => _buffer[Position++] = value;

        public void Int(int value)
        {
            BinaryPrimitives.WriteInt32BigEndian(_buffer[Position..], value);
            Position += 4;
        }

        public void Long(long value)
        {
            BinaryPrimitives.WriteInt64BigEndian(_buffer[Position..], value);
            Position += 8;
        }

        public void UVInt(int value) => Position += VIntCoding.WriteUnsignedVInt((ulong)value, _buffer[Position..]);

        public void Bytes(ReadOnlySpan<byte> value)
        {
            UVInt(value.Length);
            value.CopyTo(_buffer[Position..]);
            Position += value.Length;
        }

        public void String(string value)
        {
            int n = Encoding.UTF8.GetByteCount(value);
            UVInt(n);
            Position += Encoding.UTF8.GetBytes(value, _buffer[Position..]);
        }

        public void Guid(Guid value)
        {
            value.TryWriteBytes(_buffer.Slice(Position, 16), bigEndian: true, out _);
            Position += 16;
        }

        public void Deletion(DeletionTime deletion)
        {
            Long(deletion.MarkedForDeleteAt);
            Int(deletion.LocalDeletionTime);
        }

        public void Values(byte[][] values)
        {
            UVInt(values.Length);
            foreach (var v in values) Bytes(v);
        }

        public void Bound(ClusteringBound bound)
        {
            Byte(bound.Inclusive ? BoundInclusive : (byte)0);
            Values(bound.Prefix);
        }

        public void Row(Row row)
        {
            if (!row.IsStatic) Values(row.Clustering.Values);
            byte flags = 0;
            if (!row.PrimaryKeyLiveness.IsEmpty) flags |= RowHasLiveness;
            if (!row.Deletion.IsLive) flags |= RowHasDeletion;
            if (row.ComplexDeletions.Length > 0) flags |= RowHasComplexDeletions;
            Byte(flags);
            if (!row.PrimaryKeyLiveness.IsEmpty)
            {
                Long(row.PrimaryKeyLiveness.Timestamp);
                Int(row.PrimaryKeyLiveness.Ttl);
                Int(row.PrimaryKeyLiveness.LocalExpirationTime);
            }
            if (!row.Deletion.IsLive) Deletion(row.Deletion);
            if (row.ComplexDeletions.Length > 0)
            {
                UVInt(row.ComplexDeletions.Length);
                foreach (var d in row.ComplexDeletions)
                {
                    String(d.Column);
                    Deletion(d.Deletion);
                }
            }
            UVInt(row.Cells.Length);
            foreach (var cell in row.Cells)
            {
                byte cellFlags = 0;
                if (cell.Path is not null) cellFlags |= CellHasPath;
                bool expiration = HasExpiration(cell);
                if (expiration) cellFlags |= CellHasExpiration;
                Byte(cellFlags);
                String(cell.Column);
                if (cell.Path is not null) Bytes(cell.Path);
                Bytes(cell.Value);
                Long(cell.Timestamp);
                if (expiration)
                {
                    Int(cell.Ttl);
                    Int(cell.LocalDeletionTime);
                }
            }
        }
    }

    private ref struct SpanReader(ReadOnlySpan<byte> source)
    {
        private readonly ReadOnlySpan<byte> _buffer = source;
        private int _position;

        public readonly int Remaining => _buffer.Length - _position;

        private readonly ReadOnlySpan<byte> Take(int n) =>
            n <= Remaining ? _buffer.Slice(_position, n) : throw new InvalidDataException("Truncated mutation");

        public byte Byte()
        {
            byte b = Take(1)[0];
            _position++;
            return b;
        }

        public int Int()
        {
            int v = BinaryPrimitives.ReadInt32BigEndian(Take(4));
            _position += 4;
            return v;
        }

        public long Long()
        {
            long v = BinaryPrimitives.ReadInt64BigEndian(Take(8));
            _position += 8;
            return v;
        }

        /// <summary>A length or count, checked against the bytes left so a corrupt count cannot allocate wildly.</summary>
        public int Count()
        {
            if (!VIntCoding.TryReadUnsignedVInt(_buffer[_position..], out ulong value, out int read))
                throw new InvalidDataException("Truncated mutation");
            _position += read;
            if (value > (ulong)Remaining) throw new InvalidDataException($"Count {value} exceeds the {Remaining} bytes left");
            return (int)value;
        }

        public byte[] Bytes()
        {
            int n = Count();
            byte[] value = Take(n).ToArray();
            _position += n;
            return value;
        }

        public string String()
        {
            int n = Count();
            string value = Encoding.UTF8.GetString(Take(n));
            _position += n;
            return value;
        }

        public Guid Guid()
        {
            var value = new Guid(Take(16), bigEndian: true);
            _position += 16;
            return value;
        }

        public DeletionTime Deletion()
        {
            long markedAt = Long();
            return new DeletionTime(markedAt, Int());
        }

        public byte[][] Values()
        {
            int n = Count();
            var values = new byte[n][];
            for (int i = 0; i < n; i++) values[i] = Bytes();
            return values;
        }

        public ClusteringBound Bound()
        {
            bool inclusive = (Byte() & BoundInclusive) != 0;
            return new ClusteringBound(Values(), inclusive);
        }

        public Row Row(bool isStatic)
        {
            Clustering clustering;
            if (isStatic) clustering = Clustering.StaticClustering;
            else
            {
                var values = Values();
                clustering = values.Length == 0 ? Clustering.Empty : new Clustering(values);
            }
            byte flags = Byte();
            var liveness = LivenessInfo.Empty;
            if ((flags & RowHasLiveness) != 0)
            {
                long timestamp = Long();
                int ttl = Int();
                liveness = new LivenessInfo(timestamp, ttl, Int());
            }
            var deletion = (flags & RowHasDeletion) != 0 ? Deletion() : DeletionTime.Live;
            ComplexDeletion[] complex = [];
            if ((flags & RowHasComplexDeletions) != 0)
            {
                complex = new ComplexDeletion[Count()];
                for (int i = 0; i < complex.Length; i++)
                {
                    string name = String();
                    complex[i] = new ComplexDeletion(name, Deletion());
                }
            }
            int cellCount = Count();
            var cells = new Cell[cellCount];
            for (int i = 0; i < cellCount; i++)
            {
                byte cellFlags = Byte();
                string column = String();
                byte[]? path = (cellFlags & CellHasPath) != 0 ? Bytes() : null;
                byte[] value = Bytes();
                long timestamp = Long();
                int ttl = LivenessInfo.NoTtl, localDeletionTime = LivenessInfo.NoExpiration;
                if ((cellFlags & CellHasExpiration) != 0)
                {
                    ttl = Int();
                    localDeletionTime = Int();
                }
                cells[i] = new Cell(column, path, value, timestamp, ttl, localDeletionTime);
            }
            return new Row(clustering, liveness, deletion, cells, complex);
        }
    }
}
