namespace Sibyl.Protocol;

/// <summary>PREPARE: CQL text to prepare.</summary>
public sealed class PrepareMessage(string query) : RequestMessage
{
    public string Query { get; } = query;

    public override Opcode Opcode => Opcode.Prepare;

    public override int ComputeBodySize(byte version) => CqlWriter.SizeOfLongString(Query);

    public override void WriteBody(ref CqlWriter writer, byte version) => writer.WriteLongString(Query);

    public static PrepareMessage Decode(ref CqlReader reader, byte version) => new(reader.ReadLongString());
}
