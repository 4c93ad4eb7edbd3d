using Sibyl.Cql.Terms;

namespace Sibyl.Cql.Restrictions;

/// <summary>One side of a slice relation: the value (one term per column for multi-column slices) and inclusiveness.</summary>
public sealed record SliceBound(IReadOnlyList<Term> Terms, bool Inclusive);
