namespace Sibyl.Cql.Syntax;

// Grammar rules for terms, types, selectors, relations and conditions.
public sealed partial class CqlParser
{
    // ---- terms ----

    private RawTerm Term() => TermAddition();

    private RawTerm TermAddition()
    {
        var term = TermMultiplication();
        while (true)
        {
            // Stop before "+ column" so that UPDATE's "c = [1] + c" (a prepend) sees the column.
            if (Is(TokenKind.Plus) && !IsBareColumnAt(1))
            {
                _pos++;
                term = new RawArithmetic('+', term, TermMultiplication());
            }
            else if (Is(TokenKind.Minus) && !IsBareColumnAt(1))
            {
                _pos++;
                term = new RawArithmetic('-', term, TermMultiplication());
            }
            else
            {
                return term;
            }
        }
    }

    /// <summary>An identifier that is not the start of a function call: a column reference.</summary>
    private bool IsBareColumnAt(int offset)
    {
        var t = PeekToken(offset);
        if (!IsCIdentToken(t))
            return false;
        if (t.IsWord("null"))
            return false;
        var next = PeekToken(offset + 1).Kind;
        return next is not (TokenKind.LParen or TokenKind.Dot);
    }

    private RawTerm TermMultiplication()
    {
        var term = TermGroup();
        while (true)
        {
            char op;
            if (Is(TokenKind.Star))
                op = '*';
            else if (Is(TokenKind.Slash))
                op = '/';
            else if (Is(TokenKind.Percent))
                op = '%';
            else
                return term;
            _pos++;
            term = new RawArithmetic(op, term, TermGroup());
        }
    }

    private RawTerm TermGroup()
    {
        if (Accept(TokenKind.Minus))
            return new RawNegation(SimpleTerm());
        return SimpleTerm();
    }

    private static LiteralKind? LiteralKindOf(TokenKind kind) => kind switch
    {
        TokenKind.String => LiteralKind.String,
        TokenKind.Integer => LiteralKind.Integer,
        TokenKind.Float => LiteralKind.Float,
        TokenKind.Boolean => LiteralKind.Boolean,
        TokenKind.Duration => LiteralKind.Duration,
        TokenKind.Uuid => LiteralKind.Uuid,
        TokenKind.Hex => LiteralKind.Hex,
        _ => null,
    };

    private bool IsConstantStart() => LiteralKindOf(Current.Kind) is not null;

    private RawLiteral Constant()
    {
        var t = Current;
        var kind = LiteralKindOf(t.Kind) ?? throw NoViable();
        _pos++;
        return new RawLiteral(kind, t.Value);
    }

    private RawTerm SimpleTerm()
    {
        using var nesting = Nest();
        var t = Current;
        if (LiteralKindOf(t.Kind) is not null)
            return Constant();
        switch (t.Kind)
        {
            case TokenKind.QMark:
            case TokenKind.Colon:
                return Marker();
            case TokenKind.LBracket:
                return ListLiteral();
            case TokenKind.LBrace:
                return BraceLiteral();
            case TokenKind.LParen:
                {
                    if (LooksLikeTypeHint())
                    {
                        var hint = Speculate(TypeHintPrefix);
                        if (hint is not null)
                            return new RawTypeHint(hint, SimpleTerm());
                    }
                    return TupleLiteral();
                }
            case TokenKind.Identifier when t.Value == "null":
                _pos++;
                return RawNull.Instance;
            case TokenKind.Identifier when t.Value == "cast" && PeekToken(1).Kind == TokenKind.LParen:
                {
                    _pos += 2;
                    var inner = SimpleTerm();
                    ExpectWord("as");
                    var type = NativeType();
                    Expect(TokenKind.RParen);
                    return new RawCast(inner, type);
                }
        }
        if (IsFunctionCallStart())
            return FunctionCall();
        throw NoViable();
    }

    private RawFunctionCall FunctionCall()
    {
        var name = FunctionNameRule();
        Expect(TokenKind.LParen);
        var args = new List<RawTerm>();
        if (!Is(TokenKind.RParen))
        {
            args.Add(Term());
            while (Accept(TokenKind.Comma))
                args.Add(Term());
        }
        Expect(TokenKind.RParen);
        return new RawFunctionCall(name, ValueList.From(args));
    }

    /// <summary>
    /// Cheap filter before speculating on a type hint after '(': a type name followed by ')', '&lt;' or '.'.
    /// Keeps tuples such as <c>('a', 'b')</c> or <c>(now(), 1)</c> off the exception path.
    /// </summary>
    private bool LooksLikeTypeHint()
    {
        var t = PeekToken(1);
        var typeName = t.Kind is TokenKind.String or TokenKind.QuotedName
            || (t.Kind == TokenKind.Identifier && (!CqlKeywords.IsReserved(t.Value) || t.Value == "set"));
        return typeName && PeekToken(2).Kind is TokenKind.RParen or TokenKind.Lt or TokenKind.Dot;
    }

    /// <summary>'(' comparatorType ')' followed by something that can start a term: the prefix of a type hint.</summary>
    private RawType TypeHintPrefix()
    {
        Expect(TokenKind.LParen);
        var type = ComparatorType();
        Expect(TokenKind.RParen);
        var t = Current;
        var startsTerm = LiteralKindOf(t.Kind) is not null || IsHintedMarkerStart()
            || t.Kind is TokenKind.LBracket or TokenKind.LBrace or TokenKind.LParen
            || (t.Kind == TokenKind.Identifier && t.Value is "null" or "cast")
            || IsFunctionCallStart();
        if (!startsTerm)
            throw NoViable();
        return type;
    }

    /// <summary>A marker after a type hint; ":name(" is not one (a map entry "(k): f(...)" is read instead).</summary>
    private bool IsHintedMarkerStart() =>
        Is(TokenKind.QMark) || (IsMarkerStart() && PeekToken(2).Kind is not (TokenKind.LParen or TokenKind.Dot));

    private RawListLiteral ListLiteral()
    {
        Expect(TokenKind.LBracket);
        var items = new List<RawTerm>();
        if (!Is(TokenKind.RBracket))
        {
            items.Add(Term());
            while (Accept(TokenKind.Comma))
                items.Add(Term());
        }
        Expect(TokenKind.RBracket);
        return new RawListLiteral(ValueList.From(items));
    }

    /// <summary>'{' ... '}': a set, a map or a user type literal, decided by shape; '{}' is an empty set.</summary>
    private RawTerm BraceLiteral()
    {
        Expect(TokenKind.LBrace);
        if (Accept(TokenKind.RBrace))
            return new RawSetLiteral(ValueList<RawTerm>.Empty);

        if (IsIdentToken(Current) && PeekToken(1).Kind == TokenKind.Colon)
        {
            var fields = new List<RawFieldValue>();
            do
            {
                var field = FieldIdent();
                Expect(TokenKind.Colon);
                fields.Add(new RawFieldValue(field, Term()));
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RBrace);
            return new RawUserTypeLiteral(ValueList.From(fields));
        }

        var first = Term();
        if (Accept(TokenKind.Colon))
        {
            var entries = new List<RawMapEntry> { new(first, Term()) };
            while (Accept(TokenKind.Comma))
            {
                var k = Term();
                Expect(TokenKind.Colon);
                entries.Add(new RawMapEntry(k, Term()));
            }
            Expect(TokenKind.RBrace);
            return new RawMapLiteral(ValueList.From(entries));
        }

        var elements = new List<RawTerm> { first };
        while (Accept(TokenKind.Comma))
            elements.Add(Term());
        Expect(TokenKind.RBrace);
        return new RawSetLiteral(ValueList.From(elements));
    }

    /// <summary>fullMapLiteral: '{' (term ':' term (',' term ':' term)*)? '}'.</summary>
    private RawMapLiteral FullMapLiteral()
    {
        Expect(TokenKind.LBrace);
        var entries = new List<RawMapEntry>();
        if (!Is(TokenKind.RBrace))
        {
            do
            {
                var k = Term();
                Expect(TokenKind.Colon);
                entries.Add(new RawMapEntry(k, Term()));
            }
            while (Accept(TokenKind.Comma));
        }
        Expect(TokenKind.RBrace);
        return new RawMapLiteral(ValueList.From(entries));
    }

    private RawTupleLiteral TupleLiteral()
    {
        Expect(TokenKind.LParen);
        var items = new List<RawTerm> { Term() };
        while (Accept(TokenKind.Comma))
            items.Add(Term());
        Expect(TokenKind.RParen);
        return new RawTupleLiteral(ValueList.From(items));
    }

    /// <summary>intValue: INTEGER | marker.</summary>
    private RawTerm IntValue()
    {
        if (Is(TokenKind.Integer))
            return Constant();
        if (IsMarkerStart())
            return Marker();
        throw NoViable();
    }

    // ---- types ----

    private RawType ComparatorType()
    {
        using var nesting = Nest();
        var t = Current;
        if (t.Kind == TokenKind.String)
        {
            _pos++;
            return new RawCustomType(t.Value);
        }
        if (t.Kind == TokenKind.Identifier)
        {
            var next = PeekToken(1).Kind;
            if (CqlKeywords.NativeTypes.Contains(t.Value))
            {
                _pos++;
                return new RawNativeType(t.Value);
            }
            if (next == TokenKind.Lt)
            {
                switch (t.Value)
                {
                    case "frozen":
                        {
                            _pos += 2;
                            var inner = ComparatorType();
                            Expect(TokenKind.Gt);
                            return new RawFrozenType(inner);
                        }
                    case "list":
                        {
                            _pos += 2;
                            var element = ComparatorType();
                            Expect(TokenKind.Gt);
                            return new RawListType(element);
                        }
                    case "set":
                        {
                            _pos += 2;
                            var element = ComparatorType();
                            Expect(TokenKind.Gt);
                            return new RawSetType(element);
                        }
                    case "map":
                        {
                            _pos += 2;
                            var key = ComparatorType();
                            Expect(TokenKind.Comma);
                            var value = ComparatorType();
                            Expect(TokenKind.Gt);
                            return new RawMapType(key, value);
                        }
                    case "tuple":
                        {
                            _pos += 2;
                            var types = new List<RawType> { ComparatorType() };
                            while (Accept(TokenKind.Comma))
                                types.Add(ComparatorType());
                            Expect(TokenKind.Gt);
                            return new RawTupleType(ValueList.From(types));
                        }
                    case "vector":
                        {
                            _pos += 2;
                            var element = ComparatorType();
                            Expect(TokenKind.Comma);
                            var dimension = Expect(TokenKind.Integer);
                            Expect(TokenKind.Gt);
                            if (!int.TryParse(dimension.Value, System.Globalization.CultureInfo.InvariantCulture, out var n))
                                throw Recognition("Invalid vector dimension " + dimension.Value);
                            return new RawVectorType(element, n);
                        }
                }
            }
        }
        if (t.Kind is TokenKind.Identifier or TokenKind.QuotedName)
            return new RawUserType(UserTypeName());
        throw NoViable();
    }

    private RawNativeType NativeType()
    {
        var t = Current;
        if (t.Kind == TokenKind.Identifier && CqlKeywords.NativeTypes.Contains(t.Value))
        {
            _pos++;
            return new RawNativeType(t.Value);
        }
        throw NoViable();
    }

    private ValueList<RawType> TypeList()
    {
        Expect(TokenKind.LParen);
        var types = new List<RawType>();
        if (!Is(TokenKind.RParen))
        {
            types.Add(ComparatorType());
            while (Accept(TokenKind.Comma))
                types.Add(ComparatorType());
        }
        Expect(TokenKind.RParen);
        return ValueList.From(types);
    }

    // ---- selectors ----

    /// <summary>selectors: selector (',' selector)* | '*' (empty list).</summary>
    private ValueList<RawSelector> Selectors()
    {
        if (Accept(TokenKind.Star))
            return ValueList<RawSelector>.Empty;
        var list = new List<RawSelector> { Selector() };
        while (Accept(TokenKind.Comma))
            list.Add(Selector());
        return ValueList.From(list);
    }

    private RawSelector Selector()
    {
        var s = UnaliasedSelector();
        string? alias = null;
        if (AcceptWord("as"))
            alias = NoncolIdent();
        return new RawSelector(s, alias);
    }

    private RawSelectable UnaliasedSelector()
    {
        var s = SelectionMultiplication();
        while (true)
        {
            if (Accept(TokenKind.Plus))
                s = new ArithmeticSelectable('+', s, SelectionMultiplication());
            else if (Accept(TokenKind.Minus))
                s = new ArithmeticSelectable('-', s, SelectionMultiplication());
            else
                return s;
        }
    }

    private RawSelectable SelectionMultiplication()
    {
        var s = SelectionGroup();
        while (true)
        {
            char op;
            if (Is(TokenKind.Star))
                op = '*';
            else if (Is(TokenKind.Slash))
                op = '/';
            else if (Is(TokenKind.Percent))
                op = '%';
            else
                return s;
            _pos++;
            s = new ArithmeticSelectable(op, s, SelectionGroup());
        }
    }

    private RawSelectable SelectionGroup()
    {
        using var nesting = Nest();
        if (Accept(TokenKind.Minus))
            return new NegationSelectable(SelectionGroup());
        return SelectorModifier(SelectionGroupWithoutField());
    }

    /// <summary>Field ('.f') and element/slice ('[..]') selections applied left to right.</summary>
    private RawSelectable SelectorModifier(RawSelectable receiver)
    {
        while (true)
        {
            if (Accept(TokenKind.Dot))
            {
                receiver = new FieldSelectable(receiver, FieldIdent());
            }
            else if (Accept(TokenKind.LBracket))
            {
                receiver = CollectionSubSelection(receiver);
                Expect(TokenKind.RBracket);
            }
            else
            {
                return receiver;
            }
        }
    }

    private RawSelectable CollectionSubSelection(RawSelectable receiver)
    {
        if (Accept(TokenKind.Range))
            return new SliceSelectable(receiver, null, Term());
        var from = Term();
        if (!Accept(TokenKind.Range))
            return new ElementSelectable(receiver, from);
        if (Is(TokenKind.RBracket))
            return new SliceSelectable(receiver, from, null);
        return new SliceSelectable(receiver, from, Term());
    }

    private RawSelectable SelectionGroupWithoutField()
    {
        using var nesting = Nest();
        switch (Current.Kind)
        {
            case TokenKind.LParen:
                {
                    if (LooksLikeTypeHint())
                    {
                        var hint = Speculate(SelectionTypeHintPrefix);
                        if (hint is not null)
                            return new TypeHintSelectable(hint, SelectionGroupWithoutField());
                    }
                    _pos++;
                    var items = new List<RawSelectable> { UnaliasedSelector() };
                    while (Accept(TokenKind.Comma))
                        items.Add(UnaliasedSelector());
                    Expect(TokenKind.RParen);
                    return new TupleOrNestedSelectable(ValueList.From(items));
                }
            case TokenKind.LBracket:
                {
                    _pos++;
                    var items = new List<RawSelectable>();
                    if (!Is(TokenKind.RBracket))
                    {
                        items.Add(UnaliasedSelector());
                        while (Accept(TokenKind.Comma))
                            items.Add(UnaliasedSelector());
                    }
                    Expect(TokenKind.RBracket);
                    return new ListSelectable(ValueList.From(items));
                }
            case TokenKind.LBrace:
                {
                    _pos++;
                    if (Accept(TokenKind.RBrace))
                        return new SetSelectable(ValueList<RawSelectable>.Empty);
                    var first = UnaliasedSelector();
                    if (Accept(TokenKind.Colon))
                    {
                        var entries = new List<SelectableEntry> { new(first, UnaliasedSelector()) };
                        while (Accept(TokenKind.Comma))
                        {
                            var k = UnaliasedSelector();
                            Expect(TokenKind.Colon);
                            entries.Add(new SelectableEntry(k, UnaliasedSelector()));
                        }
                        Expect(TokenKind.RBrace);
                        return new MapOrUdtSelectable(ValueList.From(entries));
                    }
                    var elements = new List<RawSelectable> { first };
                    while (Accept(TokenKind.Comma))
                        elements.Add(UnaliasedSelector());
                    Expect(TokenKind.RBrace);
                    return new SetSelectable(ValueList.From(elements));
                }
            default:
                return SimpleUnaliasedSelector();
        }
    }

    private RawType SelectionTypeHintPrefix()
    {
        Expect(TokenKind.LParen);
        var type = ComparatorType();
        Expect(TokenKind.RParen);
        var t = Current;
        var starts = LiteralKindOf(t.Kind) is not null || IsCIdentToken(t)
            || IsHintedMarkerStart() || t.Kind is TokenKind.LBracket or TokenKind.LBrace or TokenKind.LParen
            || (t.Kind == TokenKind.Identifier && t.Value is "null" or "token" or "count");
        if (!starts)
            throw NoViable();
        return type;
    }

    private RawSelectable SimpleUnaliasedSelector()
    {
        var t = Current;
        if (LiteralKindOf(t.Kind) is not null)
            return new TermSelectable(Constant());
        if (IsMarkerStart())
            return new TermSelectable(Marker());
        if (t.Kind == TokenKind.Identifier)
        {
            var next = PeekToken(1).Kind;
            switch (t.Value)
            {
                case "null":
                    _pos++;
                    return new TermSelectable(RawNull.Instance);
                case "count" when next == TokenKind.LParen && PeekToken(2).Kind == TokenKind.Star && PeekToken(3).Kind == TokenKind.RParen:
                    _pos += 4;
                    return CountRowsSelectable.Instance;
                case "writetime" or "maxwritetime" or "ttl" when next == TokenKind.LParen:
                    {
                        var kind = t.Value switch
                        {
                            "writetime" => WritetimeOrTtlKind.Writetime,
                            "maxwritetime" => WritetimeOrTtlKind.MaxWritetime,
                            _ => WritetimeOrTtlKind.Ttl,
                        };
                        _pos += 2;
                        var column = SelectorModifier(new ColumnSelectable(Ident()));
                        Expect(TokenKind.RParen);
                        return new WritetimeOrTtlSelectable(kind, column);
                    }
                case "cast" when next == TokenKind.LParen:
                    {
                        _pos += 2;
                        var arg = UnaliasedSelector();
                        ExpectWord("as");
                        var type = NativeType();
                        Expect(TokenKind.RParen);
                        return new CastSelectable(arg, type);
                    }
            }
        }
        if (IsFunctionCallStart())
        {
            var name = FunctionNameRule();
            Expect(TokenKind.LParen);
            var args = new List<RawSelectable>();
            if (!Is(TokenKind.RParen))
            {
                args.Add(UnaliasedSelector());
                while (Accept(TokenKind.Comma))
                    args.Add(UnaliasedSelector());
            }
            Expect(TokenKind.RParen);
            return new FunctionSelectable(name, ValueList.From(args));
        }
        if (IsIdentToken(t))
        {
            _pos++;
            return new ColumnSelectable(t.Value);
        }
        throw NoViable();
    }

    // ---- WHERE ----

    private ValueList<RawRelation> WhereClause()
    {
        var list = new List<RawRelation>();
        Relation(list);
        while (AcceptWord("and"))
            Relation(list);
        return ValueList.From(list);
    }

    private RelationOperator? RelationType()
    {
        RelationOperator? op = Current.Kind switch
        {
            TokenKind.Eq => RelationOperator.Eq,
            TokenKind.Lt => RelationOperator.Lt,
            TokenKind.Lte => RelationOperator.Lte,
            TokenKind.Gt => RelationOperator.Gt,
            TokenKind.Gte => RelationOperator.Gte,
            TokenKind.Neq => RelationOperator.Neq,
            _ => null,
        };
        if (op is not null)
            _pos++;
        return op;
    }

    private void Relation(List<RawRelation> relations)
    {
        using var nesting = Nest();
        var t = Current;
        if (t.IsWord("token") && PeekToken(1).Kind == TokenKind.LParen)
        {
            _pos++;
            var columns = TupleOfIdentifiers();
            if (AcceptWord("between"))
            {
                relations.Add(new TokenRelation(columns, RelationOperator.Between, BetweenValues(Term)));
                return;
            }
            var op = RelationType() ?? throw NoViable();
            relations.Add(new TokenRelation(columns, op, Term()));
            return;
        }
        if (t.IsWord("expr") && PeekToken(1).Kind == TokenKind.LParen)
        {
            _pos += 2;
            var index = QualifiedTableName("index");
            Expect(TokenKind.Comma);
            var value = Term();
            Expect(TokenKind.RParen);
            relations.Add(new CustomIndexExpression(index, value));
            return;
        }
        if (t.Kind == TokenKind.LParen)
        {
            if (IsCIdentToken(PeekToken(1)) && PeekToken(2).Kind is TokenKind.Comma or TokenKind.RParen)
            {
                relations.Add(MultiColumnRelation());
                return;
            }
            _pos++;
            Relation(relations);
            Expect(TokenKind.RParen);
            return;
        }

        var column = CIdent();
        if (Accept(TokenKind.LBracket))
        {
            var key = Term();
            Expect(TokenKind.RBracket);
            var elementOp = RelationType() ?? throw NoViable();
            relations.Add(new MapElementRelation(column, key, elementOp, Term()));
            return;
        }
        var simple = RelationType();
        if (simple is not null)
        {
            relations.Add(new SingleColumnRelation(column, simple.Value, Term()));
            return;
        }
        if (AcceptWord("between"))
        {
            relations.Add(new SingleColumnRelation(column, RelationOperator.Between, BetweenValues(Term)));
            return;
        }
        if (AcceptWord("like"))
        {
            relations.Add(new SingleColumnRelation(column, RelationOperator.Like, Term()));
            return;
        }
        if (AcceptWord("is"))
        {
            ExpectWord("not");
            ExpectWord("null");
            relations.Add(new SingleColumnRelation(column, RelationOperator.IsNot, RawNull.Instance));
            return;
        }
        var negated = IsWord("not") && (IsWordAt(1, "in") || IsWordAt(1, "contains"));
        if (negated)
            _pos++;
        if (AcceptWord("in"))
        {
            relations.Add(new SingleColumnRelation(column, negated ? RelationOperator.NotIn : RelationOperator.In, SingleColumnInValues()));
            return;
        }
        if (AcceptWord("contains"))
        {
            var key = AcceptWord("key");
            var op = (negated, key) switch
            {
                (false, false) => RelationOperator.Contains,
                (false, true) => RelationOperator.ContainsKey,
                (true, false) => RelationOperator.NotContains,
                _ => RelationOperator.NotContainsKey,
            };
            relations.Add(new SingleColumnRelation(column, op, Term()));
            return;
        }
        throw NoViable();
    }

    private RawTermList BetweenValues(Func<RawTerm> value)
    {
        var low = value();
        ExpectWord("and");
        return new RawTermList(ValueList.Of(low, value()));
    }

    private ValueList<string> TupleOfIdentifiers()
    {
        Expect(TokenKind.LParen);
        var ids = new List<string> { CIdent() };
        while (Accept(TokenKind.Comma))
            ids.Add(CIdent());
        Expect(TokenKind.RParen);
        return ValueList.From(ids);
    }

    /// <summary>singleColumnInValues: '(' (term (',' term)*)? ')' | inMarker.</summary>
    private RawTerm SingleColumnInValues()
    {
        if (IsMarkerStart())
            return Marker();
        Expect(TokenKind.LParen);
        var items = new List<RawTerm>();
        if (!Is(TokenKind.RParen))
        {
            items.Add(Term());
            while (Accept(TokenKind.Comma))
                items.Add(Term());
        }
        Expect(TokenKind.RParen);
        return new RawTermList(ValueList.From(items));
    }

    private RawTerm MultiColumnValue()
    {
        if (IsMarkerStart())
            return Marker();
        if (Is(TokenKind.LParen))
            return TupleLiteral();
        throw NoViable();
    }

    private MultiColumnRelation MultiColumnRelation()
    {
        var columns = TupleOfIdentifiers();
        var negated = IsWord("not") && IsWordAt(1, "in");
        if (negated)
            _pos++;
        if (AcceptWord("in"))
        {
            var op = negated ? RelationOperator.NotIn : RelationOperator.In;
            if (IsMarkerStart())
                return new MultiColumnRelation(columns, op, Marker());
            Expect(TokenKind.LParen);
            var items = new List<RawTerm>();
            if (!Is(TokenKind.RParen))
            {
                items.Add(MultiColumnValue());
                while (Accept(TokenKind.Comma))
                    items.Add(MultiColumnValue());
            }
            Expect(TokenKind.RParen);
            return new MultiColumnRelation(columns, op, new RawTermList(ValueList.From(items)));
        }
        if (AcceptWord("between"))
            return new MultiColumnRelation(columns, RelationOperator.Between, BetweenValues(MultiColumnValue));
        var relation = RelationType() ?? throw NoViable();
        return new MultiColumnRelation(columns, relation, MultiColumnValue());
    }

    // ---- IF conditions ----

    private ValueList<RawColumnCondition> UpdateConditions()
    {
        var list = new List<RawColumnCondition> { ColumnCondition() };
        while (AcceptWord("and"))
            list.Add(ColumnCondition());
        return ValueList.From(list);
    }

    private RawColumnCondition ColumnCondition()
    {
        var column = CIdent();
        if (Accept(TokenKind.LBracket))
        {
            var element = Term();
            Expect(TokenKind.RBracket);
            if (AcceptWord("in"))
                return new RawColumnCondition(column, RelationOperator.In, SingleColumnInValues(), Element: element);
            var op = RelationType() ?? throw NoViable();
            return new RawColumnCondition(column, op, Term(), Element: element);
        }
        if (Accept(TokenKind.Dot))
        {
            var field = FieldIdent();
            if (AcceptWord("in"))
                return new RawColumnCondition(column, RelationOperator.In, SingleColumnInValues(), Field: field);
            var op = RelationType() ?? throw NoViable();
            return new RawColumnCondition(column, op, Term(), Field: field);
        }
        if (AcceptWord("in"))
            return new RawColumnCondition(column, RelationOperator.In, SingleColumnInValues());
        if (AcceptWord("contains"))
        {
            var key = AcceptWord("key");
            return new RawColumnCondition(column, key ? RelationOperator.ContainsKey : RelationOperator.Contains, Term());
        }
        var relation = RelationType() ?? throw NoViable();
        return new RawColumnCondition(column, relation, Term());
    }

    // ---- DDL properties ----

    /// <summary>properties: property (AND property)*, refusing duplicates and non-constant map entries like Cassandra.</summary>
    private ValueList<RawProperty> Properties()
    {
        var list = new List<RawProperty>();
        Property(list);
        while (AcceptWord("and"))
            Property(list);
        return ValueList.From(list);
    }

    private void Property(List<RawProperty> into)
    {
        var name = NoncolIdent();
        Expect(TokenKind.Eq);
        RawTerm value;
        if (Is(TokenKind.LBrace))
        {
            var map = FullMapLiteral();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in map.Entries)
            {
                if (entry.Key is not RawLiteral key)
                    throw Recognition("Invalid property name: " + entry.Key.ToCql() + BindSuffix(entry.Key));
                if (entry.Value is not RawLiteral)
                    throw Recognition("Invalid property value: " + entry.Value.ToCql() + " for property: " + entry.Key.ToCql() + BindSuffix(entry.Value));
                if (!keys.Add(key.Text))
                    throw Recognition("Multiple definition for property " + key.Text);
            }
            value = map;
        }
        else if (IsConstantStart())
        {
            value = Constant();
        }
        else if (Current.Kind == TokenKind.Identifier && !CqlKeywords.IsReserved(Current.Value))
        {
            value = new RawLiteral(LiteralKind.Keyword, Current.Value);
            _pos++;
        }
        else
        {
            throw NoViable();
        }
        foreach (var existing in into)
        {
            if (existing.Name == name)
                throw Recognition("Multiple definition for property " + name);
        }
        into.Add(new RawProperty(name, value));
    }

    private static string BindSuffix(RawTerm t) => t is RawBindMarker ? " (bind variables are not supported in DDL queries)" : "";
}
