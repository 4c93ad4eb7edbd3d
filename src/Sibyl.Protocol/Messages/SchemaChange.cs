using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>What a DDL statement changed, as both RESULT Schema_change and EVENT SCHEMA_CHANGE carry it.</summary>
public sealed class SchemaChange
{
    public SchemaChange(SchemaChangeType change, SchemaChangeTarget target, string keyspace, string? name = null,
        IReadOnlyList<string>? argumentTypes = null)
    {
        if (target != SchemaChangeTarget.KEYSPACE && name is null)
            throw new ArgumentException($"A {target} change needs a name", nameof(name));
        Change = change;
        Target = target;
        Keyspace = keyspace;
        Name = target == SchemaChangeTarget.KEYSPACE ? null : name;
        ArgumentTypes = target is SchemaChangeTarget.FUNCTION or SchemaChangeTarget.AGGREGATE ? argumentTypes ?? [] : null;
    }

    public SchemaChangeType Change { get; }

    public SchemaChangeTarget Target { get; }

    public string Keyspace { get; }

    /// <summary>Table, type, function or aggregate name; null for a keyspace change.</summary>
    public string? Name { get; }

    /// <summary>CQL type names of a function's or aggregate's arguments; null for other targets.</summary>
    public IReadOnlyList<string>? ArgumentTypes { get; }

    internal int ComputeSize()
    {
        int size = CqlWriter.SizeOfString(Change.ToString()) + CqlWriter.SizeOfString(Target.ToString())
                   + CqlWriter.SizeOfString(Keyspace);
        if (Name is not null)
            size += CqlWriter.SizeOfString(Name);
        if (ArgumentTypes is not null)
            size += CqlWriter.SizeOfStringList(ArgumentTypes);
        return size;
    }

    internal void Write(ref CqlWriter writer)
    {
        writer.WriteString(Change.ToString());
        writer.WriteString(Target.ToString());
        writer.WriteString(Keyspace);
        if (Name is not null)
            writer.WriteString(Name);
        if (ArgumentTypes is not null)
            writer.WriteStringList(ArgumentTypes);
    }

    internal static SchemaChange Read(ref CqlReader reader)
    {
        var change = ParseName<SchemaChangeType>(reader.ReadString());
        var target = ParseName<SchemaChangeTarget>(reader.ReadString());
        string keyspace = reader.ReadString();
        string? name = target == SchemaChangeTarget.KEYSPACE ? null : reader.ReadString();
        IReadOnlyList<string>? arguments = target is SchemaChangeTarget.FUNCTION or SchemaChangeTarget.AGGREGATE
            ? reader.ReadStringList()
            : null;
        return new SchemaChange(change, target, keyspace, name, arguments);
    }

    internal static T ParseName<T>(string name) where T : struct, Enum =>
        name.Length > 0 && !char.IsDigit(name[0]) && Enum.TryParse<T>(name, ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new ProtocolException($"Unknown {typeof(T).Name} {name}");
}
