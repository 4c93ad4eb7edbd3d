namespace Sibyl.Cql.Operations;

/// <summary>What one column operation of INSERT, UPDATE or DELETE does (Cassandra's Operation subclasses).</summary>
public enum OperationKind
{
    /// <summary><c>c = v</c> (INSERT values too), or the deletion of the whole column in DELETE.</summary>
    Set,

    /// <summary><c>c = c + v</c>: list append, set union, map put.</summary>
    Add,

    /// <summary><c>c = v + c</c>: list prepend.</summary>
    Prepend,

    /// <summary><c>c = c - v</c>: list, set or map (by keys) removal.</summary>
    Remove,

    /// <summary><c>l[i] = v</c> or <c>m[k] = v</c>.</summary>
    SetElement,

    /// <summary><c>u.f = v</c> on a non-frozen UDT.</summary>
    SetField,

    /// <summary><c>DELETE l[i]</c>, <c>DELETE s[e]</c>, <c>DELETE m[k]</c>.</summary>
    DeleteElement,

    /// <summary><c>DELETE u.f</c>.</summary>
    DeleteField,
}
