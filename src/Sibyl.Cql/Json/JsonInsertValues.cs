using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Json;

/// <summary>
/// The values of <c>INSERT INTO t JSON '...'</c> (Cassandra's Json.Literal / Json.Marker): one term per table
/// column. A literal document is decoded once at preparation; a bound one once per execution. Columns absent from
/// the document are null (DEFAULT NULL) or unset (DEFAULT UNSET).
/// </summary>
public static class JsonInsertValues
{
    public static List<(ColumnMetadata Column, Term Value)> Prepare(RawInsertJsonStatement raw, TableMetadata table, BindVariables bindings)
    {
        var result = new List<(ColumnMetadata, Term)>();
        var missing = raw.Default == JsonDefault.Unset ? new ConstantTerm(QueryOptions.Unset) : ConstantTerm.Null;
        switch (raw.Json)
        {
            case RawLiteral { Kind: LiteralKind.String } literal:
            {
                var values = Decode(table, literal.Text);
                foreach (var column in table.AllColumnsInSelectOrder)
                    result.Add((column, values.TryGetValue(column.Name, out var v) ? new ConstantTerm(v) : missing));
                return result;
            }
            case RawBindMarker marker:
            {
                var spec = new ColumnSpecification(table.Keyspace, table.Name, "[json]", CqlType.Text);
                var document = (BindMarkerTerm)TermPreparer.Prepare(marker, spec, bindings);
                var decoded = new DecodedDocument(document, table);
                foreach (var column in table.AllColumnsInSelectOrder)
                    result.Add((column, new ColumnTerm(decoded, column.Name, raw.Default == JsonDefault.Unset)));
                return result;
            }
            default:
                throw new InvalidRequestException($"Invalid JSON value {raw.Json.ToCql()}: expected a string or a bind marker");
        }
    }

    /// <summary>Column name to serialized value (null for JSON null) of one document.</summary>
    public static Dictionary<string, byte[]?> Decode(TableMetadata table, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException($"Could not decode JSON string as a map: {e.Message}. (String was: {json})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Null)
                throw new InvalidRequestException("Got null for INSERT JSON values");
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidRequestException($"Could not decode JSON string as a map: not a JSON object. (String was: {json})");
            var values = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                string name = property.Name.Length > 1 && property.Name[0] == '"' && property.Name[^1] == '"'
                    ? property.Name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
                    : property.Name.ToLowerInvariant();
                var column = table.GetColumn(name)
                    ?? throw new InvalidRequestException($"JSON values map contains unrecognized column: {name}");
                try
                {
                    values[column.Name] = JsonCodec.FromJson(column.Type, property.Value);
                }
                catch (MarshalException e)
                {
                    throw new InvalidRequestException($"Error decoding JSON value for {column.Name}: {e.Message}");
                }
                catch (FormatException e)
                {
                    throw new InvalidRequestException($"Error decoding JSON value for {column.Name}: {e.Message}");
                }
            }
            return values;
        }
    }

    /// <summary>A bound document, decoded once per set of bound values and shared by the column terms.</summary>
    private sealed class DecodedDocument(BindMarkerTerm marker, TableMetadata table)
    {
        private readonly ConditionalWeakTable<QueryOptions, Dictionary<string, byte[]?>> _decoded = new();

        public Dictionary<string, byte[]?>? Values(QueryOptions options, QueryState state)
        {
            if (_decoded.TryGetValue(options, out var cached)) return cached;
            var json = marker.Bind(options, state);
            if (json is null) throw new InvalidRequestException("Got null for INSERT JSON values");
            if (QueryOptions.IsUnset(json)) throw new InvalidRequestException("Got unset for INSERT JSON values");
            var values = Decode(table, Encoding.UTF8.GetString(json));
            _decoded.AddOrUpdate(options, values);
            return values;
        }
    }

    private sealed class ColumnTerm(DecodedDocument document, string column, bool defaultUnset) : Term
    {
        public override byte[]? Bind(QueryOptions options, QueryState state)
        {
            var values = document.Values(options, state)!;
            if (values.TryGetValue(column, out var value)) return value;
            return defaultUnset ? QueryOptions.Unset : null;
        }
    }
}
