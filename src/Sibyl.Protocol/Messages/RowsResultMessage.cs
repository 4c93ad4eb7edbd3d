using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>RESULT Rows: metadata, then each row as <see cref="ResultMetadata.ColumnCount"/> [bytes] cells (null = CQL null).</summary>
public sealed class RowsResultMessage(ResultMetadata metadata, IReadOnlyList<byte[]?[]> rows) : ResultMessage
{
    public ResultMetadata Metadata { get; } = metadata;

    public IReadOnlyList<byte[]?[]> Rows { get; } = rows;

    public override ResultKind Kind => ResultKind.Rows;

    protected override int ComputeResultSize(byte version)
    {
        int size = Metadata.ComputeSize() + 4;
        for (int r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r];
            if (row.Length != Metadata.ColumnCount)
                throw new InvalidOperationException($"Row {r} has {row.Length} cells, the metadata {Metadata.ColumnCount} columns");
            for (int c = 0; c < row.Length; c++)
                size += CqlWriter.SizeOfBytes(row[c]);
        }
        return size;
    }

    protected override void WriteResult(ref CqlWriter writer, byte version)
    {
        Metadata.Write(ref writer);
        writer.WriteInt(Rows.Count);
        for (int r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r];
            for (int c = 0; c < row.Length; c++)
                writer.WriteBytes(row[c]);
        }
    }

    internal static RowsResultMessage DecodeResult(ref CqlReader reader)
    {
        var metadata = ResultMetadata.Read(ref reader);
        int rowCount = reader.ReadInt();
        int columns = metadata.ColumnCount;
        // Every cell takes at least 4 bytes; reject counts the body cannot hold before allocating.
        if (rowCount < 0 || (columns > 0 && rowCount > reader.Remaining / (4L * columns)))
            throw new ProtocolException($"Invalid row count {rowCount}");
        var rows = new byte[]?[rowCount][];
        for (int r = 0; r < rowCount; r++)
        {
            var row = new byte[]?[columns];
            for (int c = 0; c < columns; c++)
                row[c] = reader.ReadBytes();
            rows[r] = row;
        }
        return new RowsResultMessage(metadata, rows);
    }
}
