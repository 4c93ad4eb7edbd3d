using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>
/// The metadata of a Rows result or of a prepared statement's result columns. With no column specifications
/// (<see cref="Columns"/> empty and <see cref="ColumnCount"/> set) it is written with the NO_METADATA flag,
/// as Cassandra answers an EXECUTE that asked to skip metadata. A paging state implies HAS_MORE_PAGES.
/// </summary>
public sealed class ResultMetadata
{
    /// <summary>What statements without result columns carry (NO_METADATA, no columns), as Cassandra sends.</summary>
    public static readonly ResultMetadata Empty = new(0, null);

    public ResultMetadata(IReadOnlyList<ColumnSpecification> columns, byte[]? pagingState = null)
    {
        Columns = columns;
        ColumnCount = columns.Count;
        PagingState = pagingState;
    }

    private ResultMetadata(int columnCount, byte[]? pagingState)
    {
        Columns = [];
        ColumnCount = columnCount;
        PagingState = pagingState;
        SkipMetadata = true;
    }

    /// <summary>Metadata that only says how many columns each row has (NO_METADATA).</summary>
    public static ResultMetadata WithoutColumns(int columnCount, byte[]? pagingState = null) =>
        pagingState is null && columnCount < LastPages.Length ? LastPages[columnCount] : new(columnCount, pagingState);

    // Every EXECUTE that skips metadata and fits one page answers with one of these: shared, being immutable.
    private static readonly ResultMetadata[] LastPages = [.. Enumerable.Range(0, 64).Select(n => new ResultMetadata(n, null))];

    public IReadOnlyList<ColumnSpecification> Columns { get; }

    public int ColumnCount { get; }

    /// <summary>Opaque state to send back for the next page; null on the last page.</summary>
    public byte[]? PagingState { get; }

    public bool SkipMetadata { get; }

    /// <summary>Copy with another paging state (or the same columns without metadata for SKIP_METADATA).</summary>
    public ResultMetadata WithPagingState(byte[]? pagingState) =>
        ReferenceEquals(pagingState, PagingState) ? this
        : SkipMetadata ? WithoutColumns(ColumnCount, pagingState) : new ResultMetadata(Columns, pagingState);

    public ResultMetadata WithoutMetadata() => WithoutColumns(ColumnCount, PagingState);

    public ResultMetadataFlags Flags
    {
        get
        {
            var flags = ResultMetadataFlags.None;
            if (SkipMetadata)
                flags |= ResultMetadataFlags.NoMetadata;
            else if (Columns.Count > 0 && IsSingleTable(Columns))
                flags |= ResultMetadataFlags.GlobalTablesSpec;
            if (PagingState is not null)
                flags |= ResultMetadataFlags.HasMorePages;
            return flags;
        }
    }

    internal static bool IsSingleTable(IReadOnlyList<ColumnSpecification> columns)
    {
        for (int i = 1; i < columns.Count; i++)
        {
            if (columns[i].Keyspace != columns[0].Keyspace || columns[i].Table != columns[0].Table)
                return false;
        }
        return true;
    }

    internal int ComputeSize()
    {
        int size = 8;
        if (PagingState is not null)
            size += CqlWriter.SizeOfBytes(PagingState);
        if (!SkipMetadata)
            size += SizeOfColumnSpecs(Columns);
        return size;
    }

    internal void Write(ref CqlWriter writer)
    {
        writer.WriteInt((int)Flags);
        writer.WriteInt(ColumnCount);
        if (PagingState is not null)
            writer.WriteBytes(PagingState);
        if (!SkipMetadata)
            WriteColumnSpecs(ref writer, Columns);
    }

    internal static ResultMetadata Read(ref CqlReader reader)
    {
        var flags = (ResultMetadataFlags)reader.ReadInt();
        int count = reader.ReadInt();
        if (count < 0)
            throw new ProtocolException($"Invalid column count {count} in result metadata");
        byte[]? pagingState = (flags & ResultMetadataFlags.HasMorePages) != 0 ? reader.ReadBytes() : null;
        if ((flags & ResultMetadataFlags.NoMetadata) != 0)
            return WithoutColumns(count, pagingState);
        return new ResultMetadata(ReadColumnSpecs(ref reader, count, (flags & ResultMetadataFlags.GlobalTablesSpec) != 0), pagingState);
    }

    /// <summary>Size of [global_table_spec?][col_spec_i...], global when all columns share one table.</summary>
    internal static int SizeOfColumnSpecs(IReadOnlyList<ColumnSpecification> columns)
    {
        if (columns.Count == 0)
            return 0;
        bool global = IsSingleTable(columns);
        int size = global ? CqlWriter.SizeOfString(columns[0].Keyspace) + CqlWriter.SizeOfString(columns[0].Table) : 0;
        for (int i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (!global)
                size += CqlWriter.SizeOfString(column.Keyspace) + CqlWriter.SizeOfString(column.Table);
            size += CqlWriter.SizeOfString(column.Name) + CqlWriter.SizeOfOption(column.Type);
        }
        return size;
    }

    internal static void WriteColumnSpecs(ref CqlWriter writer, IReadOnlyList<ColumnSpecification> columns)
    {
        if (columns.Count == 0)
            return;
        bool global = IsSingleTable(columns);
        if (global)
        {
            writer.WriteString(columns[0].Keyspace);
            writer.WriteString(columns[0].Table);
        }
        for (int i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (!global)
            {
                writer.WriteString(column.Keyspace);
                writer.WriteString(column.Table);
            }
            writer.WriteString(column.Name);
            writer.WriteOption(column.Type);
        }
    }

    internal static ColumnSpecification[] ReadColumnSpecs(ref CqlReader reader, int count, bool global)
    {
        // Each column takes at least 4 bytes; a larger count is garbage, not a reason to allocate.
        if (count > reader.Remaining / 4 + 1)
            throw new ProtocolException($"Column count {count} exceeds the message size");
        string keyspace = string.Empty, table = string.Empty;
        if (global)
        {
            keyspace = reader.ReadString();
            table = reader.ReadString();
        }
        var columns = new ColumnSpecification[count];
        for (int i = 0; i < count; i++)
        {
            string ks = global ? keyspace : reader.ReadString();
            string tb = global ? table : reader.ReadString();
            string name = reader.ReadString();
            columns[i] = new ColumnSpecification(ks, tb, name, reader.ReadOption());
        }
        return columns;
    }
}
