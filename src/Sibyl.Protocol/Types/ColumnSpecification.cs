namespace Sibyl.Protocol;

/// <summary>One column of result or bind-variable metadata: where it comes from, its name and its type.</summary>
public sealed record ColumnSpecification(string Keyspace, string Table, string Name, ProtocolDataType Type);
