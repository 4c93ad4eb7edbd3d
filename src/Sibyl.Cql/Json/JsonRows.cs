using System.Text;

namespace Sibyl.Cql.Json;

/// <summary>SELECT JSON's result shaping: every row as one JSON object keyed by result column name.</summary>
public static class JsonRows
{
    public static List<byte[]?[]> ToJson(IReadOnlyList<ColumnSpecification> columns, IReadOnlyList<byte[]?[]> rows)
    {
        // Names that are not all lower case keep the double quotes CQL needs for them, as Cassandra prints them.
        var names = new string[columns.Count];
        for (int i = 0; i < names.Length; i++)
        {
            string name = columns[i].Name;
            if (!name.Equals(name.ToLowerInvariant(), StringComparison.Ordinal)) name = "\"" + name + "\"";
            var sb = new StringBuilder();
            JsonCodec.AppendString(sb, name);
            names[i] = sb.Append(": ").ToString();
        }
        var result = new List<byte[]?[]>(rows.Count);
        var json = new StringBuilder();
        foreach (var row in rows)
        {
            json.Clear().Append('{');
            for (int i = 0; i < names.Length; i++)
            {
                if (i > 0) json.Append(", ");
                json.Append(names[i]);
                if (row[i] is { } value) JsonCodec.Append(json, columns[i].Type, value);
                else json.Append("null");
            }
            json.Append('}');
            result.Add([Encoding.UTF8.GetBytes(json.ToString())]);
        }
        return result;
    }
}
