using Sibyl.Data.Types;

namespace Sibyl.Cql;

/// <summary>A named, typed slot of a result set or of a statement's bind variables.</summary>
public sealed record ColumnSpecification(string Keyspace, string Table, string Name, CqlType Type);
