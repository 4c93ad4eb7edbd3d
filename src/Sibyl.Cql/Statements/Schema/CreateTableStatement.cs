using Sibyl.Common.Errors;
using Sibyl.Cql.Functions;
using Sibyl.Cql.Results;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>CREATE TABLE, validated with Cassandra 4's rules and messages (CreateTableStatement).</summary>
public sealed class CreateTableStatement(string keyspace, RawCreateTableStatement raw) : SchemaStatement
{
    protected override SchemaChangeResult Change => new(SchemaChangeType.Created, SchemaChangeTarget.Table, keyspace, raw.Table.Name);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        if (raw.CompactStorage && !context.Guardrails.CompactTablesEnabled)
            throw new InvalidRequestException(CompactTables.GuardrailMessage);
        string name = raw.Table.Name;
        var ks = ExistingKeyspace(schema, keyspace);
        RefuseSystemKeyspace(keyspace, "CREATE", AllTablesResource(keyspace));
        if (ks.GetTable(name) is not null)
        {
            if (raw.IfNotExists) return schema;
            throw new AlreadyExistsException(keyspace, name);
        }
        var table = Build(ks, raw, Guid.Empty);
        var created = new TableMetadata(keyspace, name, new Guid(TimeUuid.Create(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000), bigEndian: true),
            [.. table.Columns.Values], table.Params, isCounter: table.IsCounter) { IsCompactStorage = table.IsCompactStorage };
        return schema.With(ks.WithTable(created), "create table " + keyspace + "." + name);
    }

    /// <summary>Builds and validates the table definition of a CREATE TABLE statement.</summary>
    internal static TableMetadata Build(KeyspaceMetadata ks, RawCreateTableStatement raw, Guid id)
    {
        string name = raw.Table.Name;
        ValidateName(name, "Table");
        if (raw.PrimaryKeyDeclarations > 1)
            throw new InvalidRequestException("Multiple PRIMARY KEYs specified (exactly one required)");
        if (raw.PrimaryKeyDeclarations == 0 || raw.PartitionKey.Count == 0)
            throw new InvalidRequestException($"No PRIMARY KEY specifed for table '{name}' (exactly one required)");

        var definitions = new Dictionary<string, (CqlType Type, bool IsStatic)>(StringComparer.Ordinal);
        foreach (var column in raw.Columns)
        {
            if (definitions.ContainsKey(column.Name))
                throw new InvalidRequestException($"Duplicate column '{column.Name}' declaration for table '{ks.Name}.{name}'");
            definitions[column.Name] = (TypeResolver.Resolve(column.Type, ks), column.IsStatic);
        }
        foreach (var (type, _) in definitions.Values)
            UserTypes.CheckNoNestedMultiCell(type);

        var keyNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in raw.PartitionKey.Concat(raw.ClusteringColumns))
        {
            if (!definitions.ContainsKey(key))
                throw new InvalidRequestException($"Unknown definition {key} referenced in PRIMARY KEY");
            if (!keyNames.Add(key))
                throw new InvalidRequestException($"Multiple definition of identifier {key}");
            var (type, isStatic) = definitions[key];
            if (isStatic)
                throw new InvalidRequestException($"Static column {key} cannot be part of the PRIMARY KEY");
            if (type.IsMultiCell)
                throw new InvalidRequestException(type is UserType
                    ? $"Invalid non-frozen user-defined type \"{type.CqlName}\" for PRIMARY KEY column '{key}'"
                    : $"Invalid non-frozen collection type {type.CqlName} for PRIMARY KEY column '{key}'");
            if (type.IsCounter)
                throw new InvalidRequestException($"counter type is not supported for PRIMARY KEY column '{key}'");
            if (TypeResolver.ReferencesDuration(type))
                throw new InvalidRequestException($"duration type is not supported for PRIMARY KEY column '{key}'");
        }

        if (raw.CompactStorage)
            CompactTables.ValidateCreate(raw, definitions, keyNames);
        var order = ClusteringOrders(raw);
        var columns = new List<ColumnMetadata>();
        for (int i = 0; i < raw.PartitionKey.Count; i++)
            columns.Add(new ColumnMetadata(raw.PartitionKey[i], definitions[raw.PartitionKey[i]].Type, ColumnKind.PartitionKey, i, ClusteringOrder.None));
        for (int i = 0; i < raw.ClusteringColumns.Count; i++)
        {
            string c = raw.ClusteringColumns[i];
            columns.Add(new ColumnMetadata(c, definitions[c].Type, ColumnKind.Clustering, i, order.GetValueOrDefault(c, ClusteringOrder.Asc)));
        }
        bool hasCounter = false, hasNonCounter = false;
        foreach (var column in raw.Columns)
        {
            if (keyNames.Contains(column.Name)) continue;
            var (type, isStatic) = definitions[column.Name];
            if (isStatic && raw.ClusteringColumns.Count == 0)
                throw new InvalidRequestException("Static columns are only useful (and thus allowed) if the table has at least one clustering column");
            if (type.IsCounter) hasCounter = true;
            else hasNonCounter = true;
            columns.Add(new ColumnMetadata(column.Name, type, isStatic ? ColumnKind.Static : ColumnKind.Regular, -1, ClusteringOrder.None));
        }
        if (hasCounter && hasNonCounter)
            throw new InvalidRequestException("Cannot mix counter and non counter columns in the same table");

        var parameters = TableParams.ForNewTable(Properties.Of(raw.Properties));
        if (hasCounter && parameters.DefaultTimeToLive > 0)
            throw new InvalidRequestException("Cannot set default_time_to_live on a table with counters");
        return new TableMetadata(ks.Name, name, id, columns, parameters, isCounter: hasCounter) { IsCompactStorage = raw.CompactStorage };
    }

    private static Dictionary<string, ClusteringOrder> ClusteringOrders(RawCreateTableStatement raw)
    {
        var result = new Dictionary<string, ClusteringOrder>(StringComparer.Ordinal);
        for (int i = 0; i < raw.ClusteringOrder.Count; i++)
        {
            var o = raw.ClusteringOrder[i];
            int position = IndexOf(raw.ClusteringColumns, o.Column);
            if (position < 0)
                throw new InvalidRequestException($"Only clustering key columns can be defined in CLUSTERING ORDER directive: {o.Column} is not a clustering column");
            if (result.ContainsKey(o.Column))
                throw new InvalidRequestException($"Duplicate column {o.Column} in CLUSTERING ORDER directive");
            if (position != i)
            {
                if (position > i && !raw.ClusteringOrder.Any(x => x.Column == raw.ClusteringColumns[i]))
                    throw new InvalidRequestException($"Missing CLUSTERING ORDER for column {raw.ClusteringColumns[i]}");
                if (position > i)
                    throw new InvalidRequestException($"The order of columns in the CLUSTERING ORDER directive must match that of the clustering columns ({raw.ClusteringColumns[i]} must appear before {o.Column})");
                throw new InvalidRequestException($"The order of columns in the CLUSTERING ORDER directive must match that of the clustering columns ({o.Column} must appear before {raw.ClusteringOrder[position].Column})");
            }
            result[o.Column] = o.Ascending ? ClusteringOrder.Asc : ClusteringOrder.Desc;
        }
        // A prefix is enough: the clustering columns it leaves out are ascending (Cassandra only refuses gaps).
        return result;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }
}
