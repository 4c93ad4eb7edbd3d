namespace Sibyl.Schema;

/// <summary>
/// Holds this node's current schema and serialises changes to it. Readers take <see cref="Current"/>
/// once per request; a change builds a new snapshot and publishes it atomically, then tells listeners
/// (storage creates tables, the server sends SCHEMA_CHANGE events).
/// </summary>
public sealed class SchemaManager
{
    private readonly object _changeLock = new();
    private volatile SchemaSnapshot _current;

    public SchemaManager(SchemaSnapshot initial) => _current = initial;

    public SchemaSnapshot Current => _current;

    /// <summary>Raised after each change with the snapshots before and after it.</summary>
    public event Action<SchemaSnapshot, SchemaSnapshot>? Changed;

    /// <summary>
    /// Applies a transformation of the current schema. The transformation validates against the snapshot
    /// it is given and throws to refuse the change; returning the same snapshot means "nothing to do".
    /// </summary>
    public SchemaSnapshot Apply(Func<SchemaSnapshot, SchemaSnapshot> transformation)
    {
        SchemaSnapshot before, after;
        lock (_changeLock)
        {
            before = _current;
            after = transformation(before);
            if (ReferenceEquals(before, after)) return before;
            _current = after;
        }
        Changed?.Invoke(before, after);
        return after;
    }
}
