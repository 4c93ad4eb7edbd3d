namespace Sibyl.Protocol;

/// <summary>RESULT Set_keyspace: answer to USE.</summary>
public sealed class SetKeyspaceResultMessage(string keyspace) : ResultMessage
{
    public string Keyspace { get; } = keyspace;

    public override ResultKind Kind => ResultKind.SetKeyspace;

    protected override int ComputeResultSize(byte version) => CqlWriter.SizeOfString(Keyspace);

    protected override void WriteResult(ref CqlWriter writer, byte version) => writer.WriteString(Keyspace);
}
