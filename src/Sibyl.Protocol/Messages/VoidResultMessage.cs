namespace Sibyl.Protocol;

/// <summary>RESULT Void: the statement succeeded and returns nothing.</summary>
public sealed class VoidResultMessage : ResultMessage
{
    /// <summary>For results without warnings or tracing: the same bytes every time, so one object serves all.</summary>
    public static VoidResultMessage Instance { get; } = new();

    public override ResultKind Kind => ResultKind.Void;

    protected override int ComputeResultSize(byte version) => 0;

    protected override void WriteResult(ref CqlWriter writer, byte version) { }
}
