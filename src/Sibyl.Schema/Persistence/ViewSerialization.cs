using System.Collections.Immutable;
using System.Text.Json;

namespace Sibyl.Schema.Persistence;

/// <summary>A materialized view's definition in schema.json: base table, SELECT *, WHERE text and restrictions.</summary>
internal static class ViewSerialization
{
    public static void Write(Utf8JsonWriter w, ViewMetadata view)
    {
        w.WriteStartObject("view");
        w.WriteString("base_table_id", view.BaseTableId.ToString("D"));
        w.WriteString("base_table_name", view.BaseTableName);
        w.WriteBoolean("include_all_columns", view.IncludeAllColumns);
        w.WriteString("where_clause", view.WhereClause);
        w.WriteStartArray("restrictions");
        foreach (var r in view.Restrictions)
        {
            w.WriteStartObject();
            w.WriteString("column", r.Column);
            w.WriteString("operator", r.Operator.ToString());
            w.WriteStartArray("values");
            foreach (var v in r.Values) w.WriteStringValue(Convert.ToHexString(v));
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The view definition of a table element, or null for an ordinary table.</summary>
    public static ViewMetadata? Read(JsonElement table)
    {
        if (!table.TryGetProperty("view", out var v)) return null;
        var restrictions = v.GetProperty("restrictions").EnumerateArray().Select(r => new ViewRestriction(
            r.GetProperty("column").GetString()!,
            Enum.Parse<ViewRestrictionOperator>(r.GetProperty("operator").GetString()!),
            [.. r.GetProperty("values").EnumerateArray().Select(x => Convert.FromHexString(x.GetString()!))]));
        return new ViewMetadata(Guid.Parse(v.GetProperty("base_table_id").GetString()!), v.GetProperty("base_table_name").GetString()!,
            v.GetProperty("include_all_columns").GetBoolean(), v.GetProperty("where_clause").GetString()!, [.. restrictions]);
    }
}
