using System.Globalization;
using System.Text;

namespace Sibyl.Cql.Syntax;

/// <summary>
/// Recursive-descent parser for the CQL of Cassandra 4.x/5.0 (grammar facts from Cassandra's Parser.g).
/// One statement per call, optional trailing semicolons. Errors are <see cref="CqlSyntaxException"/>s with
/// ANTLR-shaped messages. This file holds the token plumbing, identifiers and error reporting; the grammar
/// rules are split by area into CqlParser.Terms.cs, CqlParser.Data.cs and CqlParser.Schema.cs.
/// </summary>
public sealed partial class CqlParser
{
    private readonly string _text;
    private readonly List<CqlToken> _tokens;
    private readonly List<string?> _bindVariables = [];
    private int _pos;

    private CqlParser(string text)
    {
        _text = text;
        _tokens = CqlLexer.Tokenize(text);
    }

    /// <summary>Parses exactly one statement (optionally followed by semicolons).</summary>
    /// <exception cref="CqlSyntaxException">The text is not valid CQL.</exception>
    public static ParsedStatement Parse(string cql)
    {
        ArgumentNullException.ThrowIfNull(cql);
        var parser = new CqlParser(cql);
        var statement = parser.ParseStatement();
        while (parser.Current.Kind == TokenKind.Semicolon)
            parser._pos++;
        if (parser.Current.Kind != TokenKind.Eof)
            throw parser.Mismatched("EOF");
        return new ParsedStatement(statement, ValueList.From(parser._bindVariables));
    }

    /// <summary>Parses a CQL type such as <c>frozen&lt;map&lt;text, int&gt;&gt;</c> (used for type strings in schema and CAST).</summary>
    public static RawType ParseType(string cql)
    {
        ArgumentNullException.ThrowIfNull(cql);
        var parser = new CqlParser(cql);
        var type = parser.ComparatorType();
        if (parser.Current.Kind != TokenKind.Eof)
            throw parser.Mismatched("EOF");
        return type;
    }

    /// <summary>Parses a single term such as <c>{'a': 1}</c> (useful for defaults and tests).</summary>
    public static RawTerm ParseTerm(string cql)
    {
        ArgumentNullException.ThrowIfNull(cql);
        var parser = new CqlParser(cql);
        var term = parser.Term();
        if (parser.Current.Kind != TokenKind.Eof)
            throw parser.Mismatched("EOF");
        return term;
    }

    // ---- token plumbing ----

    private CqlToken Current => _tokens[_pos];

    private CqlToken PeekToken(int offset)
    {
        var i = _pos + offset;
        return i < _tokens.Count ? _tokens[i] : _tokens[^1];
    }

    private bool Is(TokenKind kind) => Current.Kind == kind;

    private bool IsWord(string word) => Current.IsWord(word);

    private bool IsWordAt(int offset, string word) => PeekToken(offset).IsWord(word);

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
            return false;
        _pos++;
        return true;
    }

    private bool AcceptWord(string word)
    {
        if (!Current.IsWord(word))
            return false;
        _pos++;
        return true;
    }

    private CqlToken Expect(TokenKind kind)
    {
        if (Current.Kind != kind)
            throw Mismatched(ExpectedName(kind));
        return _tokens[_pos++];
    }

    private void ExpectWord(string word)
    {
        if (!Current.IsWord(word))
            throw Mismatched("K_" + word.ToUpperInvariant());
        _pos++;
    }

    /// <summary>K_COLUMNFAMILY matches both TABLE and COLUMNFAMILY.</summary>
    private bool IsTableWord(int offset = 0) => PeekToken(offset).IsWord("table") || PeekToken(offset).IsWord("columnfamily");

    /// <summary>K_KEYSPACE matches both KEYSPACE and SCHEMA.</summary>
    private bool IsKeyspaceWord(int offset = 0) => PeekToken(offset).IsWord("keyspace") || PeekToken(offset).IsWord("schema");

    private void ExpectTableWord()
    {
        if (!IsTableWord())
            throw Mismatched("K_COLUMNFAMILY");
        _pos++;
    }

    private void ExpectKeyspaceWord()
    {
        if (!IsKeyspaceWord())
            throw Mismatched("K_KEYSPACE");
        _pos++;
    }

    private bool AcceptIfExists()
    {
        if (!IsWord("if") || !IsWordAt(1, "exists"))
            return false;
        _pos += 2;
        return true;
    }

    private bool AcceptIfNotExists()
    {
        if (!IsWord("if"))
            return false;
        _pos++;
        ExpectWord("not");
        ExpectWord("exists");
        return true;
    }

    private static string ExpectedName(TokenKind kind) => kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.Identifier => "IDENT",
        TokenKind.QuotedName => "QUOTED_NAME",
        TokenKind.String => "STRING_LITERAL",
        TokenKind.Integer => "INTEGER",
        TokenKind.Float => "FLOAT",
        TokenKind.Boolean => "BOOLEAN",
        TokenKind.Duration => "DURATION",
        TokenKind.Uuid => "UUID",
        TokenKind.Hex => "HEXNUMBER",
        TokenKind.QMark => "QMARK",
        TokenKind.Range => "RANGE",
        TokenKind.Colon => "':'",
        TokenKind.LParen => "'('",
        TokenKind.RParen => "')'",
        TokenKind.LBracket => "'['",
        TokenKind.RBracket => "']'",
        TokenKind.LBrace => "'{'",
        TokenKind.RBrace => "'}'",
        TokenKind.Comma => "','",
        TokenKind.Semicolon => "';'",
        TokenKind.Dot => "'.'",
        TokenKind.Eq => "'='",
        TokenKind.Lt => "'<'",
        TokenKind.Lte => "'<='",
        TokenKind.Gt => "'>'",
        TokenKind.Gte => "'>='",
        TokenKind.Neq => "'!='",
        TokenKind.Plus => "'+'",
        TokenKind.Minus => "'-'",
        TokenKind.Star => "'*'",
        TokenKind.Slash => "'/'",
        TokenKind.Percent => "'%'",
        TokenKind.PlusEq => "'+='",
        TokenKind.MinusEq => "'-='",
        _ => kind.ToString(),
    };

    // ---- nesting guard ----

    /// <summary>Deepest nesting of terms, types, selectors or parenthesised relations accepted; bounds recursion on hostile input.</summary>
    public const int MaxNesting = 128;

    private int _nesting;

    private NestingScope Nest()
    {
        if (_nesting >= MaxNesting)
        {
            var t = Current;
            throw Error(t, $"nesting deeper than {MaxNesting} levels at input '{TokenText(t)}'");
        }
        _nesting++;
        return new NestingScope(this);
    }

    private readonly ref struct NestingScope(CqlParser parser)
    {
        public void Dispose() => parser._nesting--;
    }

    // ---- speculation (the grammar's syntactic predicates) ----

    private readonly record struct Mark(int Position, int BindCount);

    private Mark Save() => new(_pos, _bindVariables.Count);

    private void Restore(Mark mark)
    {
        _pos = mark.Position;
        if (_bindVariables.Count > mark.BindCount)
            _bindVariables.RemoveRange(mark.BindCount, _bindVariables.Count - mark.BindCount);
    }

    /// <summary>Runs <paramref name="rule"/>; on a syntax error rewinds and returns null. Only used on rare ambiguous inputs.</summary>
    private T? Speculate<T>(Func<T> rule) where T : class
    {
        var mark = Save();
        try
        {
            return rule();
        }
        catch (CqlSyntaxException)
        {
            Restore(mark);
            return null;
        }
    }

    // ---- bind markers ----

    private RawBindMarker NewBindMarker(string? name)
    {
        var marker = new RawBindMarker(_bindVariables.Count, name);
        _bindVariables.Add(name);
        return marker;
    }

    private bool IsMarkerStart() => Is(TokenKind.QMark) || (Is(TokenKind.Colon) && IsNoncolIdentToken(PeekToken(1)));

    /// <summary>marker: '?' | ':' noncol_ident.</summary>
    private RawBindMarker Marker()
    {
        if (Accept(TokenKind.QMark))
            return NewBindMarker(null);
        Expect(TokenKind.Colon);
        return NewBindMarker(NoncolIdent());
    }

    // ---- identifiers ----

    /// <summary>ident: IDENT | QUOTED_NAME | unreserved_keyword.</summary>
    private static bool IsIdentToken(CqlToken t) =>
        t.Kind == TokenKind.QuotedName || (t.Kind == TokenKind.Identifier && !CqlKeywords.IsReserved(t.Value));

    private static bool IsNoncolIdentToken(CqlToken t) => IsIdentToken(t);

    /// <summary>allowedFunctionName: IDENT | QUOTED_NAME | unreserved_function_keyword | TOKEN | COUNT.</summary>
    private static bool IsFunctionNameToken(CqlToken t)
    {
        if (t.Kind == TokenKind.QuotedName)
            return true;
        if (t.Kind != TokenKind.Identifier)
            return false;
        if (t.Value is "token" or "count")
            return true;
        return !CqlKeywords.IsReserved(t.Value) && !CqlKeywords.ColumnOnlyUnreserved.Contains(t.Value);
    }

    private string Ident()
    {
        var t = Current;
        if (IsIdentToken(t))
        {
            _pos++;
            return t.Value;
        }
        throw NoViable();
    }

    /// <summary>cident: like ident, but also the empty quoted name "" of legacy super columns.</summary>
    private string CIdent()
    {
        if (Is(TokenKind.EmptyQuotedName))
        {
            _pos++;
            return "";
        }
        return Ident();
    }

    private bool IsCIdentToken(CqlToken t) => t.Kind == TokenKind.EmptyQuotedName || IsIdentToken(t);

    private string NoncolIdent() => Ident();

    private string FieldIdent() => Ident();

    private string AllowedFunctionName()
    {
        var t = Current;
        if (!IsFunctionNameToken(t))
            throw NoViable();
        _pos++;
        return t.Value;
    }

    private string KeyspaceName(string what = "keyspace")
    {
        if (Is(TokenKind.QMark))
            throw Recognition($"Bind variables cannot be used for {what} names");
        return Ident();
    }

    /// <summary>columnFamilyName / indexName: (ksName '.')? name.</summary>
    private QualifiedName QualifiedTableName(string what = "table")
    {
        var first = KeyspaceName();
        if (!Accept(TokenKind.Dot))
            return new QualifiedName(null, first);
        return new QualifiedName(first, KeyspaceName(what));
    }

    /// <summary>functionName: (keyspaceName '.')? allowedFunctionName.</summary>
    private FunctionName FunctionNameRule()
    {
        if (IsIdentToken(Current) && PeekToken(1).Kind == TokenKind.Dot)
        {
            var ks = KeyspaceName();
            _pos++;
            return new FunctionName(ks, AllowedFunctionName());
        }
        return new FunctionName(null, AllowedFunctionName());
    }

    /// <summary>True if a function call starts here: name '(' or ks '.' name '('.</summary>
    private bool IsFunctionCallStart()
    {
        var t = Current;
        if (IsFunctionNameToken(t) && PeekToken(1).Kind == TokenKind.LParen)
            return true;
        return IsIdentToken(t) && PeekToken(1).Kind == TokenKind.Dot && IsFunctionNameToken(PeekToken(2)) && PeekToken(3).Kind == TokenKind.LParen;
    }

    /// <summary>userTypeName: (noncol_ident '.')? non_type_ident.</summary>
    private QualifiedName UserTypeName()
    {
        string? ks = null;
        if (IsIdentToken(Current) && PeekToken(1).Kind == TokenKind.Dot)
        {
            ks = NoncolIdent();
            _pos++;
        }
        return new QualifiedName(ks, NonTypeIdent());
    }

    /// <summary>non_type_ident: identifiers that are not native type names (nor ttl, count, ... except key).</summary>
    private string NonTypeIdent()
    {
        var t = Current;
        if (t.Kind == TokenKind.QuotedName)
        {
            _pos++;
            return t.Value;
        }
        if (t.Kind == TokenKind.Identifier && !CqlKeywords.IsReserved(t.Value) && !CqlKeywords.NativeTypes.Contains(t.Value)
            && (!CqlKeywords.ColumnOnlyUnreserved.Contains(t.Value) || t.Value == "key"))
        {
            if (CqlKeywords.ReservedTypeNames.Contains(t.Value))
                throw Recognition("Invalid (reserved) user type name " + t.Value);
            _pos++;
            return t.Value;
        }
        throw NoViable();
    }

    /// <summary>roleName: IDENT | STRING_LITERAL | QUOTED_NAME | unreserved_keyword (strings and quoted names keep case).</summary>
    private string RoleName()
    {
        var t = Current;
        if (t.Kind == TokenKind.QMark)
            throw Recognition("Bind variables cannot be used for role names");
        if (t.Kind == TokenKind.String)
        {
            _pos++;
            return t.Value;
        }
        return Ident();
    }

    private bool IsRoleNameToken(CqlToken t) => t.Kind == TokenKind.String || IsIdentToken(t);

    private string StringLiteral() => Expect(TokenKind.String).Value;

    private string TokenText(CqlToken t) => t.Kind == TokenKind.Eof ? "<EOF>" : _text.Substring(t.Start, t.Length);

    // ---- errors ----

    private CqlSyntaxException Mismatched(string expected)
    {
        var t = Current;
        return Error(t, $"mismatched input '{TokenText(t)}' expecting {expected}");
    }

    private CqlSyntaxException NoViable()
    {
        var t = Current;
        return Error(t, $"no viable alternative at input '{TokenText(t)}'");
    }

    /// <summary>A semantic check done by the grammar's actions: Cassandra reports these without position.</summary>
    private CqlSyntaxException Recognition(string message)
    {
        var t = Current;
        return t.Kind == TokenKind.Eof ? new CqlSyntaxException(message, 0, -1) : new CqlSyntaxException(message, t.Line, t.Column);
    }

    private CqlSyntaxException Error(CqlToken t, string message)
    {
        // Cassandra's lexer emits EOF as a fresh token without position: line 0, column -1.
        var line = t.Kind == TokenKind.Eof ? 0 : t.Line;
        var column = t.Kind == TokenKind.Eof ? -1 : t.Column;
        var sb = new StringBuilder();
        sb.Append("line ").Append(line.ToString(CultureInfo.InvariantCulture)).Append(':')
          .Append(column.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(message);
        AppendSnippet(sb);
        return new CqlSyntaxException(sb.ToString(), line, column);
    }

    /// <summary>
    /// Appends a snippet of the query around the offending token, like Cassandra's ErrorCollector:
    /// a few tokens before, the offending one in brackets, one after; nothing when those reach EOF.
    /// </summary>
    private void AppendSnippet(StringBuilder sb)
    {
        var offending = Current;
        var to = PeekToken(1);
        if (offending.Kind == TokenKind.Eof || to.Kind == TokenKind.Eof)
            return;
        var from = _tokens[Math.Max(0, _pos - 5)];
        var includeStart = from.Start == 0;
        var toEnd = to.Start + to.Length;
        var includeEnd = _text.AsSpan(toEnd).Trim().IsEmpty;
        sb.Append(" (");
        if (!includeStart)
            sb.Append("...");
        var snippet = new StringBuilder();
        snippet.Append(_text, from.Start, offending.Start - from.Start).Append('[')
               .Append(_text, offending.Start, offending.Length).Append(']')
               .Append(_text, offending.Start + offending.Length, toEnd - offending.Start - offending.Length);
        sb.Append(snippet.Replace("\n", "", 0, snippet.Length));
        if (!includeEnd)
            sb.Append("...");
        sb.Append(')');
    }
}
