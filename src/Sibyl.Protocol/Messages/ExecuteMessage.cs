using Sibyl.Common;

namespace Sibyl.Protocol;

/// <summary>EXECUTE: a prepared statement id with its parameters.</summary>
public sealed class ExecuteMessage(byte[] id, QueryOptions options) : RequestMessage
{
    public byte[] Id { get; } = id;

    public QueryOptions Options { get; } = options;

    public override Opcode Opcode => Opcode.Execute;

    public override int ComputeBodySize(byte version) => CqlWriter.SizeOfShortBytes(Id) + QueryOptionsCodec.ComputeSize(Options);

    public override void WriteBody(ref CqlWriter writer, byte version)
    {
        writer.WriteShortBytes(Id);
        QueryOptionsCodec.Write(ref writer, Options);
    }

    public static ExecuteMessage Decode(ref CqlReader reader, byte version)
    {
        byte[] id = PreparedIds.Intern(reader.ReadShortBytesSpan());
        return new ExecuteMessage(id, QueryOptionsCodec.Read(ref reader, version));
    }
}
