using Sibyl.Protocol;

namespace Sibyl.Client;

/// <summary>The columns of a result, with a by-name index built once and shared by every row of every page.</summary>
public sealed class CqlColumns
{
    public static readonly CqlColumns Empty = new([]);

    private readonly Dictionary<string, int> _byName;

    public CqlColumns(IReadOnlyList<ColumnSpecification> specifications)
    {
        Specifications = specifications;
        _byName = new Dictionary<string, int>(specifications.Count, StringComparer.Ordinal);
        for (int i = 0; i < specifications.Count; i++)
            _byName.TryAdd(specifications[i].Name, i);
    }

    public IReadOnlyList<ColumnSpecification> Specifications { get; }

    public int Count => Specifications.Count;

    public ColumnSpecification this[int index] => Specifications[index];

    /// <summary>The index of a column (exact, case-sensitive name as the server reports it), or -1.</summary>
    public int IndexOf(string name) => _byName.TryGetValue(name, out int index) ? index : -1;
}
