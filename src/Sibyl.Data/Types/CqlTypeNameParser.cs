using System.Globalization;

namespace Sibyl.Data.Types;

/// <summary>
/// Parses CQL type names as CREATE TABLE and system_schema.columns.type write them. Identifiers are
/// case-insensitive unless double-quoted; anything not native nor a collection/tuple/vector is a
/// user type looked up through the resolver (with its name lower-cased unless quoted).
/// </summary>
internal sealed class CqlTypeNameParser
{
    private readonly string _text;
    private readonly Func<string, UserType?>? _resolver;
    private int _pos;

    private CqlTypeNameParser(string text, Func<string, UserType?>? resolver)
    {
        _text = text;
        _resolver = resolver;
    }

    public static CqlType Parse(string text, Func<string, UserType?>? resolver)
    {
        var parser = new CqlTypeNameParser(text, resolver);
        CqlType type = parser.ParseType();
        parser.SkipSpaces();
        if (parser._pos != text.Length)
            throw parser.Error();
        return type;
    }

    private CqlType ParseType()
    {
        string name = ReadIdentifier(out bool quoted);
        if (!quoted)
        {
            switch (name)
            {
                case "frozen":
                    Expect('<');
                    CqlType inner = ParseType();
                    Expect('>');
                    return inner.Freeze();
                case "list":
                    return new ListType(Single(), isMultiCell: true);
                case "set":
                    return new SetType(Single(), isMultiCell: true);
                case "map":
                {
                    Expect('<');
                    CqlType k = ParseType();
                    Expect(',');
                    CqlType v = ParseType();
                    Expect('>');
                    return new MapType(k, v, isMultiCell: true);
                }

                case "tuple":
                {
                    Expect('<');
                    var types = new List<CqlType> { ParseType() };
                    while (TryConsume(','))
                        types.Add(ParseType());
                    Expect('>');
                    return new TupleType(types);
                }

                case "vector":
                {
                    Expect('<');
                    CqlType element = ParseType();
                    Expect(',');
                    int dimension = ReadInteger();
                    Expect('>');
                    if (dimension <= 0)
                        throw new ArgumentException("vectors may only have positive dimensions; given " + dimension);
                    return new VectorType(element, dimension);
                }
            }

            CqlType? native = Native(name);
            if (native is not null)
                return native;
        }

        // A user type, possibly keyspace-qualified.
        if (TryConsume('.'))
            name = name + "." + ReadIdentifier(out _);
        return _resolver?.Invoke(name) ?? throw new ArgumentException("Unknown type " + name);
    }

    private static CqlType? Native(string name) => name switch
    {
        "ascii" => CqlType.Ascii,
        "bigint" => CqlType.BigInt,
        "blob" => CqlType.Blob,
        "boolean" => CqlType.Boolean,
        "counter" => CqlType.Counter,
        "decimal" => CqlType.Decimal,
        "double" => CqlType.Double,
        "float" => CqlType.Float,
        "int" => CqlType.Int,
        "timestamp" => CqlType.Timestamp,
        "uuid" => CqlType.Uuid,
        "text" or "varchar" => CqlType.Text,
        "varint" => CqlType.Varint,
        "timeuuid" => CqlType.Timeuuid,
        "inet" => CqlType.Inet,
        "date" => CqlType.Date,
        "time" => CqlType.Time,
        "smallint" => CqlType.SmallInt,
        "tinyint" => CqlType.TinyInt,
        "duration" => CqlType.Duration,
        _ => null,
    };

    private CqlType Single()
    {
        Expect('<');
        CqlType t = ParseType();
        Expect('>');
        return t;
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }

    private bool TryConsume(char c)
    {
        SkipSpaces();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
            throw Error();
    }

    private string ReadIdentifier(out bool quoted)
    {
        SkipSpaces();
        quoted = _pos < _text.Length && _text[_pos] == '"';
        if (quoted)
        {
            var sb = new System.Text.StringBuilder();
            _pos++;
            while (true)
            {
                if (_pos >= _text.Length)
                    throw Error();
                char c = _text[_pos++];
                if (c == '"')
                {
                    if (_pos < _text.Length && _text[_pos] == '"')
                    {
                        sb.Append('"');
                        _pos++;
                        continue;
                    }

                    return sb.ToString();
                }

                sb.Append(c);
            }
        }

        int start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            _pos++;
        if (_pos == start)
            throw Error();
        return _text[start.._pos].ToLowerInvariant();
    }

    private int ReadInteger()
    {
        SkipSpaces();
        int start = _pos;
        if (_pos < _text.Length && _text[_pos] == '-')
            _pos++;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            _pos++;
        if (!int.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
            throw Error();
        return v;
    }

    private ArgumentException Error() => new($"Invalid CQL type '{_text}' at position {_pos}");
}
