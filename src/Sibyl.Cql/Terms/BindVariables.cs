namespace Sibyl.Cql.Terms;

/// <summary>
/// Collects the receiver of every bind marker of a statement while it is prepared, in marker order:
/// the bind metadata of a PREPARED result. Named markers keep their name as the specification name.
/// </summary>
public sealed class BindVariables
{
    private readonly List<ColumnSpecification?> _specs = [];

    public BindVariables(int count)
    {
        for (int i = 0; i < count; i++) _specs.Add(null);
    }

    public int Count => _specs.Count;

    /// <summary>The table the statement being prepared is on, for token(...) used as a value (its arguments take the partition key types).</summary>
    public Schema.TableMetadata? Table { get; set; }

    public void Set(int index, ColumnSpecification spec, string? markerName)
    {
        while (_specs.Count <= index) _specs.Add(null);
        _specs[index] = markerName is null ? spec : spec with { Name = markerName };
    }

    public IReadOnlyList<ColumnSpecification> Specifications =>
        [.. _specs.Select((s, i) => s ?? throw new InvalidOperationException($"bind marker {i} has no receiver"))];

    /// <summary>The names of named markers in order (null for positional), to resolve named values.</summary>
    public IReadOnlyList<string?> MarkerNames { get; private set; } = [];

    internal void SetMarkerName(int index, string? name)
    {
        var names = MarkerNames.ToList();
        while (names.Count <= index) names.Add(null);
        names[index] = name;
        MarkerNames = names;
    }
}
