using System.Text;

namespace Sibyl.Cql.Syntax;

/// <summary>
/// Hand-written lexer following the token rules of Cassandra's Lexer.g: case-insensitive words,
/// '' and "" escapes, $$ strings, negative numbers as one token, durations, uuids and blobs.
/// </summary>
public static class CqlLexer
{
    /// <summary>Splits <paramref name="cql"/> into tokens, comments and whitespace dropped, ending with one Eof token.</summary>
    public static List<CqlToken> Tokenize(string cql)
    {
        var tokens = new List<CqlToken>(Math.Max(8, cql.Length / 4));
        var state = new Cursor(cql);
        while (true)
        {
            state.SkipTrivia();
            if (state.Position >= cql.Length)
            {
                tokens.Add(new CqlToken(TokenKind.Eof, cql.Length, 0, state.Line, state.Column, "<EOF>"));
                return tokens;
            }
            tokens.Add(state.Next());
        }
    }

    private struct Cursor
    {
        private readonly string _text;
        private int _lineStart;

        public Cursor(string text)
        {
            _text = text;
            Position = 0;
            Line = 1;
            _lineStart = 0;
        }

        public int Position { get; private set; }

        public int Line { get; private set; }

        public readonly int Column => Position - _lineStart;

        private readonly char Peek(int offset = 0)
        {
            var i = Position + offset;
            return i < _text.Length ? _text[i] : '\0';
        }

        private void Advance(int count)
        {
            for (var i = 0; i < count && Position < _text.Length; i++)
            {
                if (_text[Position] == '\n')
                {
                    Line++;
                    _lineStart = Position + 1;
                }
                Position++;
            }
        }

        public void SkipTrivia()
        {
            while (Position < _text.Length)
            {
                var c = _text[Position];
                if (c is ' ' or '\t' or '\n' or '\r')
                {
                    Advance(1);
                }
                else if ((c == '-' && Peek(1) == '-') || (c == '/' && Peek(1) == '/'))
                {
                    while (Position < _text.Length && _text[Position] is not ('\n' or '\r'))
                        Advance(1);
                }
                else if (c == '/' && Peek(1) == '*')
                {
                    var startLine = Line;
                    var startColumn = Column;
                    var end = _text.IndexOf("*/", Position + 2, StringComparison.Ordinal);
                    if (end < 0)
                        throw new CqlSyntaxException($"line {startLine}:{startColumn} unterminated comment", startLine, startColumn);
                    Advance(end + 2 - Position);
                }
                else
                {
                    return;
                }
            }
        }

        private CqlToken Make(TokenKind kind, int start, int line, int column, string value)
        {
            return new CqlToken(kind, start, Position - start, line, column, value);
        }

        public CqlToken Next()
        {
            var start = Position;
            var line = Line;
            var column = Column;
            var c = _text[Position];

            if (IsHex(c) && TryUuid(out var uuidLength))
            {
                Advance(uuidLength);
                return Make(TokenKind.Uuid, start, line, column, _text.Substring(start, uuidLength));
            }

            if (c == '0' && (Peek(1) == 'x' || Peek(1) == 'X'))
            {
                var len = 2;
                while (IsHex(Peek(len)))
                    len++;
                if (!IsIdentPart(Peek(len)))
                {
                    Advance(len);
                    return Make(TokenKind.Hex, start, line, column, _text.Substring(start, len));
                }
            }

            if (char.IsAsciiDigit(c) || (c == '-' && (char.IsAsciiDigit(Peek(1)) || Peek(1) == 'P')))
            {
                var number = TryNumberOrDuration(start, line, column);
                if (number.HasValue)
                    return number.Value;
            }

            if (c == '-' && TryWord("nan", 1))
            {
                Advance(4);
                return Make(TokenKind.Float, start, line, column, "NaN");
            }

            if (c == '-' && TryWord("infinity", 1))
            {
                Advance(9);
                return Make(TokenKind.Float, start, line, column, "-Infinity");
            }

            if (char.IsAsciiLetter(c))
                return LexWord(start, line, column);

            switch (c)
            {
                case '\'':
                    return LexString(start, line, column);
                case '$' when Peek(1) == '$':
                    return LexDollarString(start, line, column);
                case '"':
                    return LexQuotedName(start, line, column);
                case '?':
                    Advance(1);
                    return Make(TokenKind.QMark, start, line, column, "?");
                case ':':
                    Advance(1);
                    return Make(TokenKind.Colon, start, line, column, ":");
                case '(':
                    Advance(1);
                    return Make(TokenKind.LParen, start, line, column, "(");
                case ')':
                    Advance(1);
                    return Make(TokenKind.RParen, start, line, column, ")");
                case '[':
                    Advance(1);
                    return Make(TokenKind.LBracket, start, line, column, "[");
                case ']':
                    Advance(1);
                    return Make(TokenKind.RBracket, start, line, column, "]");
                case '{':
                    Advance(1);
                    return Make(TokenKind.LBrace, start, line, column, "{");
                case '}':
                    Advance(1);
                    return Make(TokenKind.RBrace, start, line, column, "}");
                case ',':
                    Advance(1);
                    return Make(TokenKind.Comma, start, line, column, ",");
                case ';':
                    Advance(1);
                    return Make(TokenKind.Semicolon, start, line, column, ";");
                case '.':
                    if (Peek(1) == '.')
                    {
                        Advance(2);
                        return Make(TokenKind.Range, start, line, column, "..");
                    }
                    Advance(1);
                    return Make(TokenKind.Dot, start, line, column, ".");
                case '=':
                    Advance(1);
                    return Make(TokenKind.Eq, start, line, column, "=");
                case '<':
                    if (Peek(1) == '=')
                    {
                        Advance(2);
                        return Make(TokenKind.Lte, start, line, column, "<=");
                    }
                    Advance(1);
                    return Make(TokenKind.Lt, start, line, column, "<");
                case '>':
                    if (Peek(1) == '=')
                    {
                        Advance(2);
                        return Make(TokenKind.Gte, start, line, column, ">=");
                    }
                    Advance(1);
                    return Make(TokenKind.Gt, start, line, column, ">");
                case '!' when Peek(1) == '=':
                    Advance(2);
                    return Make(TokenKind.Neq, start, line, column, "!=");
                case '+':
                    if (Peek(1) == '=')
                    {
                        Advance(2);
                        return Make(TokenKind.PlusEq, start, line, column, "+=");
                    }
                    Advance(1);
                    return Make(TokenKind.Plus, start, line, column, "+");
                case '-':
                    if (Peek(1) == '=')
                    {
                        Advance(2);
                        return Make(TokenKind.MinusEq, start, line, column, "-=");
                    }
                    Advance(1);
                    return Make(TokenKind.Minus, start, line, column, "-");
                case '*':
                    Advance(1);
                    return Make(TokenKind.Star, start, line, column, "*");
                case '/':
                    Advance(1);
                    return Make(TokenKind.Slash, start, line, column, "/");
                case '%':
                    Advance(1);
                    return Make(TokenKind.Percent, start, line, column, "%");
            }

            throw new CqlSyntaxException($"line {line}:{column} token recognition error at: '{c}'", line, column);
        }

        private readonly bool TryWord(string lowerWord, int offset)
        {
            var at = Position + offset;
            if (at + lowerWord.Length > _text.Length)
                return false;
            if (!_text.AsSpan(at, lowerWord.Length).Equals(lowerWord, StringComparison.OrdinalIgnoreCase))
                return false;
            return !IsIdentPart(Peek(offset + lowerWord.Length));
        }

        private CqlToken LexWord(int start, int line, int column)
        {
            var len = 1;
            while (IsIdentPart(Peek(len)))
                len++;

            // ISO 8601 durations start with an upper-case 'P' and win over identifiers of the same length.
            if (_text[start] == 'P')
            {
                var isoLength = MatchIsoDuration(start);
                if (isoLength >= len)
                {
                    Advance(isoLength);
                    return Make(TokenKind.Duration, start, line, column, _text.Substring(start, isoLength));
                }
            }

            Advance(len);
            var word = _text.Substring(start, len);
            var lower = word.ToLowerInvariant();
            switch (lower)
            {
                case "true":
                case "false":
                    return Make(TokenKind.Boolean, start, line, column, lower);
                case "nan":
                    return Make(TokenKind.Float, start, line, column, "NaN");
                case "infinity":
                    return Make(TokenKind.Float, start, line, column, "Infinity");
            }
            return Make(TokenKind.Identifier, start, line, column, lower);
        }

        private CqlToken? TryNumberOrDuration(int start, int line, int column)
        {
            var i = 0;
            if (Peek(0) == '-')
                i = 1;

            if (Peek(i) == 'P')
            {
                var iso = MatchIsoDuration(start + i);
                if (iso > 0 && !IsIdentPart(Peek(i + iso)))
                {
                    Advance(i + iso);
                    return Make(TokenKind.Duration, start, line, column, _text.Substring(start, i + iso));
                }
                return null;
            }

            var digitsStart = i;
            while (char.IsAsciiDigit(Peek(i)))
                i++;
            if (i == digitsStart)
                return null;

            // Duration: DIGIT+ UNIT (DIGIT+ UNIT)*
            if (char.IsAsciiLetter(Peek(i)) || Peek(i) == '\u00B5')
            {
                var durationEnd = MatchDurationUnits(start + digitsStart);
                if (durationEnd > 0 && !IsIdentPart(Peek(durationEnd - start)))
                {
                    Advance(durationEnd - start);
                    return Make(TokenKind.Duration, start, line, column, _text.Substring(start, durationEnd - start));
                }
            }

            var isFloat = false;
            if (Peek(i) == '.' && Peek(i + 1) != '.')
            {
                isFloat = true;
                i++;
                while (char.IsAsciiDigit(Peek(i)))
                    i++;
            }
            if (Peek(i) is 'e' or 'E')
            {
                var j = i + 1;
                if (Peek(j) is '+' or '-')
                    j++;
                if (char.IsAsciiDigit(Peek(j)))
                {
                    while (char.IsAsciiDigit(Peek(j)))
                        j++;
                    i = j;
                    isFloat = true;
                }
            }

            Advance(i);
            var text = _text.Substring(start, i);
            return Make(isFloat ? TokenKind.Float : TokenKind.Integer, start, line, column, text);
        }

        /// <summary>Returns the absolute end of a DIGIT+ UNIT (DIGIT+ UNIT)* run starting at <paramref name="at"/>, or 0.</summary>
        private readonly int MatchDurationUnits(int at)
        {
            var p = at;
            var any = false;
            while (p < _text.Length && char.IsAsciiDigit(_text[p]))
            {
                while (p < _text.Length && char.IsAsciiDigit(_text[p]))
                    p++;
                var unit = UnitLength(p);
                if (unit == 0)
                    return 0;
                p += unit;
                any = true;
            }
            return any ? p : 0;
        }

        private readonly int UnitLength(int p)
        {
            var text = _text;
            var c0 = p < text.Length ? char.ToLowerInvariant(text[p]) : '\0';
            var c1 = p + 1 < text.Length ? char.ToLowerInvariant(text[p + 1]) : '\0';
            switch (c0)
            {
                case 'm' when c1 is 'o' or 's':
                    return 2;
                case 'u' when c1 == 's':
                case 'n' when c1 == 's':
                case '\u00B5' when c1 == 's':
                    return 2;
                case 'y' or 'w' or 'd' or 'h' or 'm' or 's':
                    return 1;
                default:
                    return 0;
            }
        }

        /// <summary>Length of an ISO 8601 duration (without sign) starting with 'P' at <paramref name="at"/>, or 0.</summary>
        private readonly int MatchIsoDuration(int at)
        {
            var s = _text.AsSpan(at);
            if (s.Length < 2 || s[0] != 'P')
                return 0;

            // Alternative format PYYYY-MM-DDThh:mm:ss.
            const string Shape = "P0000-00-00T00:00:00";
            if (s.Length >= Shape.Length)
            {
                var ok = true;
                for (var k = 0; k < Shape.Length && ok; k++)
                    ok = Shape[k] == '0' ? char.IsAsciiDigit(s[k]) : s[k] == Shape[k];
                if (ok)
                    return Shape.Length;
            }

            var p = 1;
            // Week form PnW.
            var w = Digits(s, p);
            if (w > 0 && p + w < s.Length && s[p + w] == 'W')
                return p + w + 1;

            var datePart = MatchDesignators(s, ref p, "YMD");
            var timePart = false;
            if (p < s.Length && s[p] == 'T')
            {
                var q = p + 1;
                if (MatchDesignators(s, ref q, "HMS"))
                {
                    p = q;
                    timePart = true;
                }
            }
            return datePart || timePart ? p : 0;
        }

        private static int Digits(ReadOnlySpan<char> s, int p)
        {
            var n = 0;
            while (p + n < s.Length && char.IsAsciiDigit(s[p + n]))
                n++;
            return n;
        }

        /// <summary>Matches (DIGIT+ X)? for each designator X in order, at least one.</summary>
        private static bool MatchDesignators(ReadOnlySpan<char> s, ref int p, string designators)
        {
            var any = false;
            var next = 0;
            while (true)
            {
                var d = Digits(s, p);
                if (d == 0 || p + d >= s.Length)
                    return any;
                var idx = designators.IndexOf(s[p + d], next);
                if (idx < 0)
                    return any;
                p += d + 1;
                next = idx + 1;
                any = true;
            }
        }

        private readonly bool TryUuid(out int length)
        {
            length = 36;
            if (Position + 36 > _text.Length)
                return false;
            for (var k = 0; k < 36; k++)
            {
                var ch = _text[Position + k];
                var dash = k is 8 or 13 or 18 or 23;
                if (dash ? ch != '-' : !IsHex(ch))
                    return false;
            }
            return !IsIdentPart(Peek(36));
        }

        private CqlToken LexString(int start, int line, int column)
        {
            var sb = new StringBuilder();
            var p = Position + 1;
            while (true)
            {
                if (p >= _text.Length)
                    throw new CqlSyntaxException($"line {line}:{column} unterminated string literal", line, column);
                var ch = _text[p];
                if (ch == '\'')
                {
                    if (p + 1 < _text.Length && _text[p + 1] == '\'')
                    {
                        sb.Append('\'');
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                sb.Append(ch);
                p++;
            }
            Advance(p - Position);
            return Make(TokenKind.String, start, line, column, sb.ToString());
        }

        private CqlToken LexDollarString(int start, int line, int column)
        {
            var end = _text.IndexOf("$$", Position + 2, StringComparison.Ordinal);
            if (end < 0)
                throw new CqlSyntaxException($"line {line}:{column} unterminated string literal", line, column);
            var value = _text.Substring(Position + 2, end - Position - 2);
            Advance(end + 2 - Position);
            return Make(TokenKind.String, start, line, column, value);
        }

        private CqlToken LexQuotedName(int start, int line, int column)
        {
            if (Peek(1) == '"' && Peek(2) != '"')
            {
                Advance(2);
                return Make(TokenKind.EmptyQuotedName, start, line, column, "");
            }
            var sb = new StringBuilder();
            var p = Position + 1;
            while (true)
            {
                if (p >= _text.Length)
                    throw new CqlSyntaxException($"line {line}:{column} unterminated quoted identifier", line, column);
                var ch = _text[p];
                if (ch == '"')
                {
                    if (p + 1 < _text.Length && _text[p + 1] == '"')
                    {
                        sb.Append('"');
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                sb.Append(ch);
                p++;
            }
            Advance(p - Position);
            return Make(TokenKind.QuotedName, start, line, column, sb.ToString());
        }

        private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

        private static bool IsIdentPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
    }
}
