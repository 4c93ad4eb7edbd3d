namespace Sibyl.Protocol;

/// <summary>EVENT SCHEMA_CHANGE.</summary>
public sealed class SchemaChangeEvent(SchemaChange change) : EventMessage
{
    public SchemaChange Change { get; } = change;

    public override EventType Type => EventType.SCHEMA_CHANGE;

    protected override int ComputeEventSize() => Change.ComputeSize();

    protected override void WriteEvent(ref CqlWriter writer) => Change.Write(ref writer);
}
