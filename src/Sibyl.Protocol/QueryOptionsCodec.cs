using Sibyl.Common;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>The wire form of the query parameters shared by QUERY and EXECUTE (and, in part, BATCH).</summary>
internal static class QueryOptionsCodec
{
    public static QueryFlags FlagsOf(QueryOptions options)
    {
        var flags = QueryFlags.None;
        if (options.Values.Count > 0)
            flags |= QueryFlags.Values;
        if (options.Names is not null && options.Values.Count > 0)
            flags |= QueryFlags.WithNamesForValues;
        if (options.SkipMetadata)
            flags |= QueryFlags.SkipMetadata;
        if (options.PageSize > 0)
            flags |= QueryFlags.PageSize;
        if (options.PagingState is not null)
            flags |= QueryFlags.WithPagingState;
        if (options.SerialConsistency is not null)
            flags |= QueryFlags.WithSerialConsistency;
        if (options.Timestamp is not null)
            flags |= QueryFlags.WithDefaultTimestamp;
        return flags;
    }

    public static int ComputeSize(QueryOptions options)
    {
        int size = 2 + 1;
        var values = options.Values;
        if (values.Count > 0)
        {
            size += 2;
            for (int i = 0; i < values.Count; i++)
            {
                if (options.Names is { } names)
                    size += CqlWriter.SizeOfString(names[i]);
                size += CqlWriter.SizeOfValue(values[i]);
            }
        }
        if (options.PageSize > 0)
            size += 4;
        if (options.PagingState is { } pagingState)
            size += CqlWriter.SizeOfBytes(pagingState);
        if (options.SerialConsistency is not null)
            size += 2;
        if (options.Timestamp is not null)
            size += 8;
        return size;
    }

    public static void Write(ref CqlWriter writer, QueryOptions options)
    {
        var values = options.Values;
        if (options.Names is { } names && names.Count != values.Count)
            throw new InvalidOperationException("Names and Values differ in length");
        writer.WriteConsistency(options.Consistency);
        writer.WriteByte((byte)FlagsOf(options));
        if (values.Count > 0)
        {
            writer.WriteShort(checked((ushort)values.Count));
            for (int i = 0; i < values.Count; i++)
            {
                if (options.Names is not null)
                    writer.WriteString(options.Names[i]);
                writer.WriteValue(values[i]);
            }
        }
        if (options.PageSize > 0)
            writer.WriteInt(options.PageSize);
        if (options.PagingState is { } pagingState)
            writer.WriteBytes(pagingState);
        if (options.SerialConsistency is { } serial)
            writer.WriteConsistency(serial);
        if (options.Timestamp is { } timestamp)
            writer.WriteLong(timestamp);
    }

    public static QueryOptions Read(ref CqlReader reader, byte version)
    {
        var consistency = reader.ReadConsistency();
        var flags = (QueryFlags)reader.ReadByte();
        IReadOnlyList<byte[]?> values = [];
        List<string>? names = null;
        if ((flags & QueryFlags.Values) != 0)
        {
            int count = reader.ReadShort();
            bool named = (flags & QueryFlags.WithNamesForValues) != 0;
            var list = new byte[]?[Math.Min(count, reader.Remaining / 4 + 1)];
            if (count > list.Length)
                throw new ProtocolException($"Value count {count} exceeds the message size");
            if (named)
                names = new List<string>(count);
            for (int i = 0; i < count; i++)
            {
                names?.Add(reader.ReadString());
                var value = reader.ReadValue();
                if (version < ProtocolVersions.V4 && QueryOptions.IsUnset(value))
                    throw new ProtocolException("Unset values are not supported before protocol v4");
                list[i] = value;
            }
            values = list;
        }
        int pageSize = -1;
        if ((flags & QueryFlags.PageSize) != 0)
            pageSize = reader.ReadInt();
        byte[]? pagingState = (flags & QueryFlags.WithPagingState) != 0 ? reader.ReadBytes() : null;
        ConsistencyLevel? serial = (flags & QueryFlags.WithSerialConsistency) != 0 ? reader.ReadConsistency() : null;
        long? timestamp = null;
        if ((flags & QueryFlags.WithDefaultTimestamp) != 0)
        {
            timestamp = reader.ReadLong();
            if (timestamp == long.MinValue)
                throw new ProtocolException($"Out of bound timestamp, must be in [{long.MinValue + 1}, {long.MaxValue}]");
        }
        return new QueryOptions
        {
            Consistency = consistency,
            Values = values,
            Names = names,
            SkipMetadata = (flags & QueryFlags.SkipMetadata) != 0,
            PageSize = pageSize,
            PagingState = pagingState,
            SerialConsistency = serial,
            Timestamp = timestamp,
        };
    }
}
