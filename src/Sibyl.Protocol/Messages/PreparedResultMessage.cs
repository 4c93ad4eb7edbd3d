using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>
/// RESULT Prepared: the statement id, the bind variables' metadata (with the partition key's bind indexes
/// from v4 on, so drivers can route by token) and the metadata of the rows the statement returns.
/// </summary>
public sealed class PreparedResultMessage(byte[] id, IReadOnlyList<ColumnSpecification> variables,
    IReadOnlyList<ushort> partitionKeyIndexes, ResultMetadata resultMetadata) : ResultMessage
{
    public byte[] Id { get; } = id;

    public IReadOnlyList<ColumnSpecification> Variables { get; } = variables;

    /// <summary>For each partition key column in order, the index of the bind variable giving it; empty when unknown.</summary>
    public IReadOnlyList<ushort> PartitionKeyIndexes { get; } = partitionKeyIndexes;

    public ResultMetadata ResultMetadata { get; } = resultMetadata;

    public override ResultKind Kind => ResultKind.Prepared;

    protected override int ComputeResultSize(byte version)
    {
        int size = CqlWriter.SizeOfShortBytes(Id) + 8;
        if (version >= ProtocolVersions.V4)
            size += 4 + 2 * PartitionKeyIndexes.Count;
        return size + ResultMetadata.SizeOfColumnSpecs(Variables) + ResultMetadata.ComputeSize();
    }

    protected override void WriteResult(ref CqlWriter writer, byte version)
    {
        writer.WriteShortBytes(Id);
        bool global = Variables.Count > 0 && ResultMetadata.IsSingleTable(Variables);
        writer.WriteInt(global ? (int)ResultMetadataFlags.GlobalTablesSpec : 0);
        writer.WriteInt(Variables.Count);
        if (version >= ProtocolVersions.V4)
        {
            writer.WriteInt(PartitionKeyIndexes.Count);
            for (int i = 0; i < PartitionKeyIndexes.Count; i++)
                writer.WriteShort(PartitionKeyIndexes[i]);
        }
        ResultMetadata.WriteColumnSpecs(ref writer, Variables);
        ResultMetadata.Write(ref writer);
    }

    internal static PreparedResultMessage DecodeResult(ref CqlReader reader, byte version)
    {
        byte[] id = reader.ReadShortBytes();
        var flags = (ResultMetadataFlags)reader.ReadInt();
        int count = reader.ReadInt();
        if (count < 0)
            throw new ProtocolException($"Invalid bind variable count {count}");
        ushort[] pkIndexes = [];
        if (version >= ProtocolVersions.V4)
        {
            int pkCount = reader.ReadInt();
            if (pkCount < 0 || pkCount > reader.Remaining / 2)
                throw new ProtocolException($"Invalid partition key count {pkCount}");
            pkIndexes = new ushort[pkCount];
            for (int i = 0; i < pkCount; i++)
                pkIndexes[i] = reader.ReadShort();
        }
        var variables = ResultMetadata.ReadColumnSpecs(ref reader, count, (flags & ResultMetadataFlags.GlobalTablesSpec) != 0);
        var resultMetadata = ResultMetadata.Read(ref reader);
        return new PreparedResultMessage(id, variables, pkIndexes, resultMetadata);
    }
}
