using System.Collections.Immutable;
using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>
/// CREATE [CUSTOM] INDEX [IF NOT EXISTS] [name] ON t (target) [USING 'class' [WITH OPTIONS = {...}]], with
/// Cassandra's validation and messages (CreateIndexStatement, IndexAttributes). Native indexes are COMPOSITES;
/// 'StorageAttachedIndex' / 'sai' is Cassandra 5.0's storage-attached index, kind CUSTOM. The index's data is
/// built by the replica when it sees the new schema. Announced as an update of the table.
/// </summary>
public sealed class CreateIndexStatement(string keyspace, RawCreateIndexStatement raw) : SchemaStatement
{
    private static readonly string[] SaiNames = ["storageattachedindex", "sai", IndexMetadata.StorageAttachedIndexClass.ToLowerInvariant()];

    protected override SchemaChangeResult Change => new(SchemaChangeType.Updated, SchemaChangeTarget.Table, keyspace, raw.Table.Name);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        var (isCustom, options) = Attributes();
        var ks = schema.GetKeyspace(keyspace) ?? throw new InvalidRequestException($"Keyspace '{keyspace}' doesn't exist");
        var table = ks.GetTable(raw.Table.Name) ?? throw new InvalidRequestException($"Table '{raw.Table.Name}' doesn't exist");
        RefuseSystemKeyspace(keyspace, "ALTER", TableResource(keyspace, table.Name));
        if (raw.Name is not null && IndexNames.Find(ks, raw.Name) is not null)
        {
            if (raw.IfNotExists) return schema;
            throw new InvalidRequestException($"Index '{raw.Name}' already exists");
        }
        if (table.IsView)
            throw new InvalidRequestException("Secondary indexes on materialized views aren't supported");
        if (table.IsCounter)
            throw new InvalidRequestException("Secondary indexes on counter tables aren't supported");
        if (raw.Targets.Count == 0)
            throw new InvalidRequestException(isCustom ? "Sibyl's custom indexes need a target column" : "Only CUSTOM indexes can be created without specifying a target column");
        if (raw.Targets.Count > 1)
        {
            if (!isCustom) throw new InvalidRequestException("Only CUSTOM indexes support multiple columns");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in raw.Targets)
                if (!seen.Add(t.Column)) throw new InvalidRequestException($"Duplicate column '{t.Column}' in index target list");
            throw new InvalidRequestException("Custom indexes on several columns are not supported by Sibyl");
        }

        var (column, type) = Validate(table, raw.Targets[0]);
        if (isCustom && type == IndexTargetType.Full)
            throw new InvalidRequestException("Cannot create a storage-attached index on a frozen collection with full(); index its values or keys instead");
        string name = raw.Name ?? IndexNames.Available(ks, IndexMetadata.DefaultName(table.Name, column.Name));
        if (!IndexMetadata.IsValidName(name))
            throw new ConfigurationException("Illegal index name " + name);
        var allOptions = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in options) allOptions[k] = v;
        allOptions[IndexMetadata.TargetOption] = IndexMetadata.TargetString(column.Name, type);
        var index = new IndexMetadata(name, isCustom ? IndexKind.Custom : IndexKind.Composites, allOptions.ToImmutable(), Guid.NewGuid());

        var duplicate = table.Indexes.FirstOrDefault(i => i.EqualsWithoutName(index));
        if (duplicate is not null)
        {
            if (raw.IfNotExists) return schema;
            throw new InvalidRequestException($"Index {index.Name} is a duplicate of existing index {duplicate.Name}");
        }
        var updated = table.WithIndexes([.. table.Indexes, index]);
        return schema.With(ks.WithTable(updated), "create index " + keyspace + "." + name);
    }

    /// <summary>IndexAttributes.validate: whether the index is custom, and its options (class_name included).</summary>
    private (bool IsCustom, Dictionary<string, string> Options) Attributes()
    {
        // Cassandra 5.0 treats USING 'class' as a custom index even without the CUSTOM keyword.
        bool isCustom = raw.IsCustom || raw.CustomClass is not null;
        if (isCustom && raw.CustomClass is null)
            throw new InvalidRequestException("CUSTOM index requires specifiying the index class");
        var properties = Properties.Of(raw.Properties);
        foreach (var key in properties.Keys)
            if (key != "options") throw new SyntaxException($"Unknown property '{key}'");
        if (!isCustom && properties.Count > 0)
            throw new InvalidRequestException("Cannot specify options for a non-CUSTOM index");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (properties.TryGetValue("options", out var value))
        {
            if (!value.IsMap) throw new SyntaxException("Invalid value for property 'options'");
            foreach (var (k, v) in value.Map!) options[k] = v;
        }
        if (options.ContainsKey(IndexMetadata.ClassNameOption))
            throw new InvalidRequestException($"Cannot specify {IndexMetadata.ClassNameOption} as a CUSTOM option");
        if (options.ContainsKey(IndexMetadata.TargetOption))
            throw new InvalidRequestException($"Cannot specify {IndexMetadata.TargetOption} as a CUSTOM option");
        if (!isCustom) return (false, options);

        string className = raw.CustomClass!;
        if (className == "org.apache.cassandra.index.sasi.SASIIndex")
            throw new InvalidRequestException("SASI indexes are disabled. Enable in cassandra.yaml to use.");
        if (!SaiNames.Contains(className.ToLowerInvariant()))
            throw new ConfigurationException($"Unable to find custom indexer class '{className}'");
        foreach (var key in options.Keys)
            if (key is not ("case_sensitive" or "normalize" or "ascii" or "similarity_function" or "optimize_for"))
                throw new InvalidRequestException($"Properties specified [{key}] are not understood by StorageAttachedIndex");
        options[IndexMetadata.ClassNameOption] = IndexMetadata.StorageAttachedIndexClass;
        return (true, options);
    }

    /// <summary>CreateIndexStatement.validateIndexTarget: the column and what of it the index holds.</summary>
    private static (ColumnMetadata Column, IndexTargetType Type) Validate(TableMetadata table, RawIndexTarget target)
    {
        var column = table.GetColumn(target.Column)
            ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(target.Column)} in table {table.QualifiedName}");
        var type = column.Type;
        var targetType = target.Kind switch
        {
            IndexTargetKind.Keys => IndexTargetType.Keys,
            IndexTargetKind.Values => IndexTargetType.Values,
            IndexTargetKind.Entries => IndexTargetType.Entries,
            IndexTargetKind.Full => IndexTargetType.Full,
            // A bare collection column means its values.
            _ => type.IsCollection ? IndexTargetType.Values : IndexTargetType.Simple,
        };
        if (ReferencesDuration(type))
        {
            if (type.IsCollection) throw new InvalidRequestException("Secondary indexes are not supported on collections containing durations");
            if (type is UserType) throw new InvalidRequestException("Secondary indexes are not supported on UDTs containing durations");
            if (type is TupleType) throw new InvalidRequestException("Secondary indexes are not supported on tuples containing durations");
            throw new InvalidRequestException("Secondary indexes are not supported on duration columns");
        }
        if (table.IsCompactStorage) CompactTables.CheckIndexTarget(table, column);
        if (column.Kind == ColumnKind.PartitionKey && table.PartitionKeyColumns.Length == 1)
            throw new InvalidRequestException($"Cannot create secondary index on the only partition key column {column.Name}");
        bool frozenCollection = type.IsCollection && !type.IsMultiCell;
        if (frozenCollection && targetType != IndexTargetType.Full)
            throw new InvalidRequestException($"Cannot create {TypeWord(targetType)}() index on frozen column {column.Name}. Frozen collections are immutable and must be fully indexed by using the 'full({column.Name})' modifier");
        if (!frozenCollection && targetType == IndexTargetType.Full)
            throw new InvalidRequestException("full() indexes can only be created on frozen collections");
        if (!type.IsCollection && targetType != IndexTargetType.Simple)
            throw new InvalidRequestException($"Cannot create {TypeWord(targetType)}() index on {column.Name}. Non-collection columns only support simple indexes");
        if (!(type is MapType && type.IsMultiCell) && targetType is IndexTargetType.Keys or IndexTargetType.Entries)
            throw new InvalidRequestException($"Cannot create index on {TypeWord(targetType)} of column {column.Name} with non-map type");
        if (type is UserType && type.IsMultiCell)
            throw new InvalidRequestException($"Cannot create index on non-frozen UDT column {column.Name}");
        return (column, targetType);
    }

    private static string TypeWord(IndexTargetType type) => type switch
    {
        IndexTargetType.Keys => "keys",
        IndexTargetType.Entries => "entries",
        IndexTargetType.Full => "full",
        IndexTargetType.Values => "values",
        _ => "",
    };

    private static bool ReferencesDuration(CqlType type) => type switch
    {
        { Kind: CqlTypeKind.Duration } => true,
        ListType l => ReferencesDuration(l.Element),
        SetType s => ReferencesDuration(s.Element),
        MapType m => ReferencesDuration(m.Key) || ReferencesDuration(m.Value),
        TupleType t => t.Types.Any(ReferencesDuration),
        _ => false,
    };
}
