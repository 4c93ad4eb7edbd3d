namespace Sibyl.Protocol;

/// <summary>RESULT Void: the statement succeeded and returns nothing.</summary>
public sealed class VoidResultMessage : ResultMessage
{
    public override ResultKind Kind => ResultKind.Void;

    protected override int ComputeResultSize(byte version) => 0;

    protected override void WriteResult(ref CqlWriter writer, byte version) { }
}
