using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>
/// The query parameters shared by QUERY and EXECUTE: consistency, bound values (positional, or named when
/// <see cref="ValueNames"/> is set), paging and timestamps. A bound value is a <c>byte[]?</c>: null is CQL null,
/// and the shared <see cref="UnsetValue"/> instance (compared by reference) is "unset".
/// </summary>
public sealed class QueryOptions
{
    /// <summary>The "unset" sentinel ([value] length -2); compare by reference, never by content.</summary>
#pragma warning disable CA1825 // a distinct instance is the point: Array.Empty would be shared with real empty values
    public static readonly byte[] UnsetValue = new byte[0];
#pragma warning restore CA1825

    public static readonly QueryOptions Default = new();

    public ConsistencyLevel Consistency { get; init; } = ConsistencyLevel.One;

    public IReadOnlyList<byte[]?> Values { get; init; } = [];

    /// <summary>Names of the values when bound by name (WITH_NAMES_FOR_VALUES); null for positional values.</summary>
    public IReadOnlyList<string>? ValueNames { get; init; }

    public bool SkipMetadata { get; init; }

    /// <summary>Rows per page; zero or negative means no paging.</summary>
    public int PageSize { get; init; } = -1;

    public byte[]? PagingState { get; init; }

    public ConsistencyLevel? SerialConsistency { get; init; }

    /// <summary>Client-supplied timestamp in microseconds since the epoch.</summary>
    public long? DefaultTimestamp { get; init; }

    public QueryFlags Flags
    {
        get
        {
            var flags = QueryFlags.None;
            if (Values.Count > 0)
                flags |= QueryFlags.Values;
            if (ValueNames is not null && Values.Count > 0)
                flags |= QueryFlags.WithNamesForValues;
            if (SkipMetadata)
                flags |= QueryFlags.SkipMetadata;
            if (PageSize > 0)
                flags |= QueryFlags.PageSize;
            if (PagingState is not null)
                flags |= QueryFlags.WithPagingState;
            if (SerialConsistency is not null)
                flags |= QueryFlags.WithSerialConsistency;
            if (DefaultTimestamp is not null)
                flags |= QueryFlags.WithDefaultTimestamp;
            return flags;
        }
    }

    internal int ComputeSize()
    {
        int size = 2 + 1;
        if (Values.Count > 0)
        {
            size += 2;
            for (int i = 0; i < Values.Count; i++)
            {
                if (ValueNames is not null)
                    size += CqlWriter.SizeOfString(ValueNames[i]);
                size += CqlWriter.SizeOfValue(Values[i]);
            }
        }
        if (PageSize > 0)
            size += 4;
        if (PagingState is not null)
            size += CqlWriter.SizeOfBytes(PagingState);
        if (SerialConsistency is not null)
            size += 2;
        if (DefaultTimestamp is not null)
            size += 8;
        return size;
    }

    internal void Write(ref CqlWriter writer)
    {
        if (ValueNames is not null && ValueNames.Count != Values.Count)
            throw new InvalidOperationException("ValueNames and Values differ in length");
        writer.WriteConsistency(Consistency);
        writer.WriteByte((byte)Flags);
        if (Values.Count > 0)
        {
            writer.WriteShort(checked((ushort)Values.Count));
            for (int i = 0; i < Values.Count; i++)
            {
                if (ValueNames is not null)
                    writer.WriteString(ValueNames[i]);
                writer.WriteValue(Values[i]);
            }
        }
        if (PageSize > 0)
            writer.WriteInt(PageSize);
        if (PagingState is not null)
            writer.WriteBytes(PagingState);
        if (SerialConsistency is { } serial)
            writer.WriteConsistency(serial);
        if (DefaultTimestamp is { } timestamp)
            writer.WriteLong(timestamp);
    }

    internal static QueryOptions Read(ref CqlReader reader, byte version)
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
                if (version < ProtocolVersions.V4 && ReferenceEquals(value, UnsetValue))
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
            ValueNames = names,
            SkipMetadata = (flags & QueryFlags.SkipMetadata) != 0,
            PageSize = pageSize,
            PagingState = pagingState,
            SerialConsistency = serial,
            DefaultTimestamp = timestamp,
        };
    }
}
