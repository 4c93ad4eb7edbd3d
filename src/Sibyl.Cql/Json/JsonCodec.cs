using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Json;

/// <summary>
/// Cassandra's JSON form of every CQL type (AbstractType.toJSONString and fromJSONObject): numbers and booleans
/// bare, everything else as strings (timestamps "2020-01-01 00:00:00.000Z", blobs "0x..."), lists, sets, tuples
/// and vectors as arrays, maps and user types as objects.
/// </summary>
public static class JsonCodec
{
    public static string ToJsonString(CqlType type, ReadOnlySpan<byte> value)
    {
        var sb = new StringBuilder();
        Append(sb, type, value);
        return sb.ToString();
    }

    /// <summary>Appends the JSON of one value; an empty value of a type with no empty form is null.</summary>
    public static void Append(StringBuilder sb, CqlType type, ReadOnlySpan<byte> value)
    {
        switch (type.Kind)
        {
            case CqlTypeKind.Ascii:
            case CqlTypeKind.Varchar:
                AppendString(sb, Encoding.UTF8.GetString(value));
                return;
            case CqlTypeKind.Blob:
                AppendString(sb, "0x" + Convert.ToHexStringLower(value));
                return;
        }
        if (value.IsEmpty)
        {
            sb.Append("null");
            return;
        }
        switch (type)
        {
            case ListType l:
                AppendArray(sb, l.Element, CollectionSerializer.ReadElements(value));
                return;
            case SetType s:
                AppendArray(sb, s.Element, CollectionSerializer.ReadElements(value));
                return;
            case VectorType v:
                AppendArray(sb, v.Element, v.SplitValue(value));
                return;
            case MapType m:
            {
                sb.Append('{');
                bool first = true;
                foreach (var (k, v) in CollectionSerializer.ReadEntries(value))
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    string key = ToJsonString(m.Key, k);
                    if (key.StartsWith('"')) sb.Append(key);
                    else AppendString(sb, key);
                    sb.Append(": ");
                    Append(sb, m.Value, v);
                }
                sb.Append('}');
                return;
            }
            case UserType u:
            {
                var parts = TupleType.SplitValue(value);
                sb.Append('{');
                for (int i = 0; i < u.FieldNames.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendString(sb, CqlNames.MaybeQuote(u.FieldNames[i]));
                    sb.Append(": ");
                    if (i < parts.Count && parts[i] is { } p) Append(sb, u.FieldTypes[i], p);
                    else sb.Append("null");
                }
                sb.Append('}');
                return;
            }
            case TupleType t:
            {
                var parts = TupleType.SplitValue(value);
                sb.Append('[');
                for (int i = 0; i < t.Types.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    if (i < parts.Count && parts[i] is { } p) Append(sb, t.Types[i], p);
                    else sb.Append("null");
                }
                sb.Append(']');
                return;
            }
        }
        switch (type.Kind)
        {
            case CqlTypeKind.Boolean:
            case CqlTypeKind.Int:
            case CqlTypeKind.BigInt:
            case CqlTypeKind.Counter:
            case CqlTypeKind.SmallInt:
            case CqlTypeKind.TinyInt:
            case CqlTypeKind.Varint:
            case CqlTypeKind.Decimal:
                sb.Append(type.ToCqlString(value));
                return;
            case CqlTypeKind.Float:
            case CqlTypeKind.Double:
            {
                string s = type.ToCqlString(value);
                if (s is "NaN" or "Infinity" or "-Infinity") sb.Append("null"); // JSON has no such numbers
                else sb.Append(s);
                return;
            }
            case CqlTypeKind.Timestamp:
                AppendString(sb, type.ToCqlString(value).Replace('T', ' '));
                return;
            default:
                AppendString(sb, Functions.CastFunctions.PlainString(type, value));
                return;
        }
    }

    private static void AppendArray(StringBuilder sb, CqlType element, List<byte[]> elements)
    {
        sb.Append('[');
        for (int i = 0; i < elements.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            Append(sb, element, elements[i]);
        }
        sb.Append(']');
    }

    /// <summary>A JSON string literal, escaped as Jackson's quoteAsJsonString does (control characters, quote, backslash).</summary>
    public static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>Parses JSON text as a value of the type (fromJson() and the values of INSERT JSON).</summary>
    public static byte[]? FromJsonString(CqlType type, string json, string what)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException($"Could not decode JSON string '{json}': {e.Message}");
        }
        using (document)
        {
            try
            {
                return FromJson(type, document.RootElement);
            }
            catch (MarshalException e)
            {
                throw new InvalidRequestException($"Error decoding JSON value for {what}: {e.Message}");
            }
        }
    }

    /// <summary>A parsed JSON value as a serialized value of the type; JSON null is CQL null. Throws MarshalException.</summary>
    public static byte[]? FromJson(CqlType type, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null) return null;
        switch (type)
        {
            case ListType l:
                return CollectionSerializer.PackList(Elements(json, l.Element, "list"));
            case SetType s:
                return CollectionSerializer.PackSet(s.Element, Elements(json, s.Element, "set"));
            case VectorType v:
            {
                var elements = Elements(json, v.Element, "vector");
                if (elements.Count != v.Dimension)
                    throw new MarshalException($"Invalid number of elements in vector literal: expected {v.Dimension} but got {elements.Count}");
                return v.BuildValue(elements);
            }
            case MapType m:
            {
                if (json.ValueKind != JsonValueKind.Object)
                    throw new MarshalException($"Expected a map, but got a {Kind(json)}: {json.GetRawText()}");
                var entries = new List<KeyValuePair<byte[], byte[]>>();
                foreach (var property in json.EnumerateObject())
                {
                    byte[]? key = m.Key.Kind is CqlTypeKind.Ascii or CqlTypeKind.Varchar
                        ? m.Key.FromString(property.Name)
                        : FromKeyString(m.Key, property.Name);
                    var value = FromJson(m.Value, property.Value) ?? throw new MarshalException("Invalid null value in map");
                    entries.Add(new(key ?? throw new MarshalException("Invalid null key in map"), value));
                }
                return CollectionSerializer.PackMap(m.Key, entries);
            }
            case UserType u:
            {
                if (json.ValueKind != JsonValueKind.Object)
                    throw new MarshalException($"Expected a map, but got a {Kind(json)}: {json.GetRawText()}");
                var components = new byte[]?[u.FieldNames.Count];
                foreach (var property in json.EnumerateObject())
                {
                    string field = property.Name.Length > 1 && property.Name[0] == '"' && property.Name[^1] == '"'
                        ? property.Name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
                        : property.Name.ToLowerInvariant();
                    int index = u.FieldIndex(field);
                    if (index < 0)
                        throw new MarshalException($"Unknown field '{field}' in value of user defined type {u.Name}");
                    components[index] = FromJson(u.FieldTypes[index], property.Value);
                }
                return TupleType.BuildValue(components);
            }
            case TupleType t:
            {
                if (json.ValueKind != JsonValueKind.Array)
                    throw new MarshalException($"Expected a list representation of a tuple, but got a {Kind(json)}: {json.GetRawText()}");
                int count = json.GetArrayLength();
                if (count > t.Types.Count)
                    throw new MarshalException($"Tuple contains extra items (expected {t.Types.Count}): {json.GetRawText()}");
                if (count < t.Types.Count)
                    throw new MarshalException($"Tuple is missing items (expected {t.Types.Count}): {json.GetRawText()}");
                var components = new List<byte[]?>();
                int i = 0;
                foreach (var e in json.EnumerateArray()) components.Add(FromJson(t.Types[i++], e));
                return TupleType.BuildValue(components);
            }
        }
        return FromScalar(type, json);
    }

    /// <summary>Map keys of non-text types arrive as strings holding their JSON (or their string form).</summary>
    private static byte[]? FromKeyString(CqlType type, string key)
    {
        try
        {
            using var doc = JsonDocument.Parse(key);
            return FromJson(type, doc.RootElement);
        }
        catch (JsonException)
        {
            return type.FromString(key);
        }
    }

    private static List<byte[]> Elements(JsonElement json, CqlType element, string what)
    {
        if (json.ValueKind != JsonValueKind.Array)
            throw new MarshalException($"Expected a {what}, but got a {Kind(json)}: {json.GetRawText()}");
        var result = new List<byte[]>();
        foreach (var e in json.EnumerateArray())
            result.Add(FromJson(element, e) ?? throw new MarshalException($"Invalid null element in {what}"));
        return result;
    }

    private static string Kind(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => "String",
        JsonValueKind.Number => json.GetRawText().Contains('.', StringComparison.Ordinal) ? "Double" : "Integer",
        JsonValueKind.True or JsonValueKind.False => "Boolean",
        JsonValueKind.Array => "ArrayList",
        JsonValueKind.Object => "LinkedHashMap",
        _ => "Object",
    };

    private static byte[] FromScalar(CqlType type, JsonElement json)
    {
        string name = type.CqlName;
        switch (type.Kind)
        {
            case CqlTypeKind.Ascii:
            case CqlTypeKind.Varchar:
            {
                if (json.ValueKind != JsonValueKind.String)
                    throw new MarshalException($"Expected an {(type.Kind == CqlTypeKind.Ascii ? "ascii" : "utf8")} string, but got a {Kind(json)}: {json.GetRawText()}");
                var bytes = type.FromString(json.GetString()!);
                type.Validate(bytes);
                return bytes;
            }
            case CqlTypeKind.Blob:
            {
                if (json.ValueKind != JsonValueKind.String)
                    throw new MarshalException($"Expected a string representation of a blob, but got a {Kind(json)}: {json.GetRawText()}");
                string s = json.GetString()!;
                if (!s.StartsWith("0x", StringComparison.Ordinal))
                    throw new MarshalException($"String representation of blob is missing 0x prefix: {s}");
                return type.FromString(s[2..]);
            }
            case CqlTypeKind.Boolean:
                if (json.ValueKind is JsonValueKind.True or JsonValueKind.False) return [(byte)(json.GetBoolean() ? 1 : 0)];
                if (json.ValueKind == JsonValueKind.String && json.GetString()!.ToLowerInvariant() is "true" or "false")
                    return [(byte)(json.GetString()!.Equals("true", StringComparison.OrdinalIgnoreCase) ? 1 : 0)];
                throw new MarshalException($"Expected a boolean value, but got a {Kind(json)}: {json.GetRawText()}");
            case CqlTypeKind.Int:
            case CqlTypeKind.BigInt:
            case CqlTypeKind.Counter:
            case CqlTypeKind.SmallInt:
            case CqlTypeKind.TinyInt:
            case CqlTypeKind.Varint:
            {
                // Cassandra's varint builds a BigInteger from the JSON text, which refuses "", while the fixed-size
                // integer types go through fromString, where "" is the empty value.
                if (json.ValueKind == JsonValueKind.String && type.Kind == CqlTypeKind.Varint && json.GetString()!.Length == 0)
                    throw new MarshalException("Unable to make varint from ''");
                if (json.ValueKind == JsonValueKind.String) return Parse(type, json.GetString()!);
                if (json.ValueKind != JsonValueKind.Number || !IsIntegral(json.GetRawText()))
                    throw new MarshalException($"Expected an {(type.Kind == CqlTypeKind.Int ? "int" : name)} value, but got a {Kind(json)}: {json.GetRawText()}");
                return Parse(type, json.GetRawText());
            }
            case CqlTypeKind.Float:
            case CqlTypeKind.Double:
            case CqlTypeKind.Decimal:
                if (json.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    return Parse(type, json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetRawText());
                throw new MarshalException($"Expected a {name} value, but got a {Kind(json)}: {json.GetRawText()}");
            case CqlTypeKind.Timestamp:
            case CqlTypeKind.Time:
                if (json.ValueKind == JsonValueKind.Number && IsIntegral(json.GetRawText()))
                {
                    long n = long.Parse(json.GetRawText(), System.Globalization.CultureInfo.InvariantCulture);
                    return CqlType.BigInt.Decompose(n);
                }
                if (json.ValueKind != JsonValueKind.String)
                    throw new MarshalException($"Expected a {(type.Kind == CqlTypeKind.Timestamp ? "long or a datestring" : "string")} representation of a {name} value, but got a {Kind(json)}: {json.GetRawText()}");
                return Parse(type, json.GetString()!);
            default:
                if (json.ValueKind != JsonValueKind.String)
                    throw new MarshalException($"Expected a string representation of a {name}, but got a {Kind(json)}: {json.GetRawText()}");
                return Parse(type, json.GetString()!);
        }
    }

    private static bool IsIntegral(string text) => !text.AsSpan().ContainsAny(".eE");

    private static byte[] Parse(CqlType type, string text)
    {
        try
        {
            var bytes = type.FromString(text);
            return bytes;
        }
        catch (FormatException)
        {
            throw new MarshalException($"Unable to make {type.CqlName} from '{text}'");
        }
        catch (OverflowException)
        {
            throw new MarshalException($"Unable to make {type.CqlName} from '{text}'");
        }
    }

}
