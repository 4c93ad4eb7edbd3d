using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>BATCH: several modifications applied together (spec section 4.1.7).</summary>
public sealed class BatchMessage : RequestMessage
{
    public BatchMessage(BatchType type, IReadOnlyList<BatchQuery> queries, ConsistencyLevel consistency,
        ConsistencyLevel? serialConsistency = null, long? defaultTimestamp = null)
    {
        Type = type;
        Queries = queries;
        Consistency = consistency;
        SerialConsistency = serialConsistency;
        DefaultTimestamp = defaultTimestamp;
    }

    public BatchType Type { get; }

    public IReadOnlyList<BatchQuery> Queries { get; }

    public ConsistencyLevel Consistency { get; }

    public ConsistencyLevel? SerialConsistency { get; }

    public long? DefaultTimestamp { get; }

    public override Opcode Opcode => Opcode.Batch;

    // Named values in a batch (flag 0x40) cannot work: the flag comes after the values it would describe
    // (CASSANDRA-10246), so Sibyl, like Cassandra, writes and reads batch values positionally.
    private QueryFlags Flags =>
        (SerialConsistency is null ? 0 : QueryFlags.WithSerialConsistency)
        | (DefaultTimestamp is null ? 0 : QueryFlags.WithDefaultTimestamp);

    public override int ComputeBodySize(byte version)
    {
        int size = 1 + 2;
        for (int i = 0; i < Queries.Count; i++)
        {
            var query = Queries[i];
            size += 1 + (query.IsPrepared ? CqlWriter.SizeOfShortBytes(query.PreparedId) : CqlWriter.SizeOfLongString(query.Query!));
            size += 2;
            for (int v = 0; v < query.Values.Count; v++)
            {
                size += CqlWriter.SizeOfValue(query.Values[v]);
            }
        }
        size += 2 + 1;
        if (SerialConsistency is not null)
            size += 2;
        if (DefaultTimestamp is not null)
            size += 8;
        return size;
    }

    public override void WriteBody(ref CqlWriter writer, byte version)
    {
        writer.WriteByte((byte)Type);
        writer.WriteShort(checked((ushort)Queries.Count));
        for (int i = 0; i < Queries.Count; i++)
        {
            var query = Queries[i];
            if (query.IsPrepared)
            {
                writer.WriteByte(1);
                writer.WriteShortBytes(query.PreparedId);
            }
            else
            {
                writer.WriteByte(0);
                writer.WriteLongString(query.Query!);
            }
            writer.WriteShort(checked((ushort)query.Values.Count));
            for (int v = 0; v < query.Values.Count; v++)
            {
                writer.WriteValue(query.Values[v]);
            }
        }
        writer.WriteConsistency(Consistency);
        writer.WriteByte((byte)Flags);
        if (SerialConsistency is { } serial)
            writer.WriteConsistency(serial);
        if (DefaultTimestamp is { } timestamp)
            writer.WriteLong(timestamp);
    }

    public static BatchMessage Decode(ref CqlReader reader, byte version)
    {
        byte type = reader.ReadByte();
        if (type > (byte)BatchType.Counter)
            throw new ProtocolException($"Unknown batch type {type}");
        int count = reader.ReadShort();
        if (count > reader.Remaining / 3)
            throw new ProtocolException($"Batch statement count {count} exceeds the message size");
        var queries = new BatchQuery[count];
        for (int i = 0; i < count; i++)
        {
            byte kind = reader.ReadByte();
            if (kind > 1)
                throw new ProtocolException($"Invalid query kind in BATCH messages. Must be 0 or 1 but got {kind}");
            string? text = kind == 0 ? reader.ReadLongString() : null;
            byte[]? id = kind == 1 ? reader.ReadShortBytes() : null;
            int valueCount = reader.ReadShort();
            if (valueCount > reader.Remaining / 4)
                throw new ProtocolException($"Value count {valueCount} exceeds the message size");
            var values = new byte[]?[valueCount];
            for (int v = 0; v < valueCount; v++)
                values[v] = reader.ReadValue();
            queries[i] = text is not null ? BatchQuery.Simple(text, values) : BatchQuery.Prepared(id!, values);
        }
        var consistency = reader.ReadConsistency();
        var flags = (QueryFlags)reader.ReadByte();
        ConsistencyLevel? serial = (flags & QueryFlags.WithSerialConsistency) != 0 ? reader.ReadConsistency() : null;
        long? timestamp = (flags & QueryFlags.WithDefaultTimestamp) != 0 ? reader.ReadLong() : null;
        return new BatchMessage((BatchType)type, queries, consistency, serial, timestamp);
    }
}
