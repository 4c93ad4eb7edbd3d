namespace Sibyl.Client;

/// <summary>What it takes to ask for the next page of a result.</summary>
internal sealed record PageRequest(CqlSession Session, PreparedStatement? Statement, string? Query, byte[]?[] Values, CqlExecutionOptions Options);
