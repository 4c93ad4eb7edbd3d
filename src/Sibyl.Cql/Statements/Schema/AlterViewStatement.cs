using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Cql.Syntax;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>ALTER MATERIALIZED VIEW ks.v WITH options (Cassandra 4's AlterViewStatement).</summary>
public sealed class AlterViewStatement(string keyspace, RawAlterViewStatement raw) : SchemaStatement
{
    protected override SchemaChangeResult Change => new(SchemaChangeType.Updated, SchemaChangeTarget.Table, keyspace, raw.View.Name);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        var ks = schema.GetKeyspace(keyspace);
        if (ks?.GetTable(raw.View.Name) is not { IsView: true } view)
        {
            if (raw.IfExists) return schema;
            throw new InvalidRequestException($"Materialized view '{keyspace}.{raw.View.Name}' doesn't exist");
        }
        var options = Properties.Of(raw.Properties);
        if (options.ContainsKey("default_time_to_live"))
            throw new InvalidRequestException("Cannot set or alter default_time_to_live for a materialized view. Data in a materialized view always expire at the same time than the corresponding data in the parent table.");
        return schema.With(ks.WithTable(view.WithParams(view.Params.With(options))), "alter view " + view.QualifiedName);
    }
}
