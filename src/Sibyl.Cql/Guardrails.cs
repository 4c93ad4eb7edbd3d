namespace Sibyl.Cql;

/// <summary>
/// Cassandra's guardrails that refuse features by configuration (cassandra.yaml *_enabled flags); the node
/// builds them from its settings.
/// </summary>
/// <param name="CompactTablesEnabled">compact_tables_enabled: CREATE TABLE ... WITH COMPACT STORAGE is allowed.</param>
public sealed record Guardrails(bool CompactTablesEnabled)
{
    public static readonly Guardrails Default = new(CompactTablesEnabled: true);
}
