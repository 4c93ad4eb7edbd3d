using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>RESULT: the outcome of QUERY, PREPARE, EXECUTE or BATCH; the body starts with the [int] kind.</summary>
public abstract class ResultMessage : ResponseMessage
{
    public abstract ResultKind Kind { get; }

    public sealed override Opcode Opcode => Opcode.Result;

    public sealed override int ComputeBodySize(byte version) => 4 + ComputeResultSize(version);

    public sealed override void WriteBody(ref CqlWriter writer, byte version)
    {
        writer.WriteInt((int)Kind);
        WriteResult(ref writer, version);
    }

    protected abstract int ComputeResultSize(byte version);

    protected abstract void WriteResult(ref CqlWriter writer, byte version);

    public static ResultMessage Decode(ref CqlReader reader, byte version)
    {
        var kind = (ResultKind)reader.ReadInt();
        return kind switch
        {
            ResultKind.Void => new VoidResultMessage(),
            ResultKind.Rows => RowsResultMessage.DecodeResult(ref reader),
            ResultKind.SetKeyspace => new SetKeyspaceResultMessage(reader.ReadString()),
            ResultKind.Prepared => PreparedResultMessage.DecodeResult(ref reader, version),
            ResultKind.SchemaChange => new SchemaChangeResultMessage(SchemaChange.Read(ref reader)),
            _ => throw new ProtocolException($"Unknown RESULT kind {(int)kind}"),
        };
    }
}
