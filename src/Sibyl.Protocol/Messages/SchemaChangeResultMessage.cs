namespace Sibyl.Protocol;

/// <summary>RESULT Schema_change: answer to a DDL statement.</summary>
public sealed class SchemaChangeResultMessage(SchemaChange change) : ResultMessage
{
    public SchemaChange Change { get; } = change;

    public override ResultKind Kind => ResultKind.SchemaChange;

    protected override int ComputeResultSize(byte version) => Change.ComputeSize();

    protected override void WriteResult(ref CqlWriter writer, byte version) => Change.Write(ref writer);
}
