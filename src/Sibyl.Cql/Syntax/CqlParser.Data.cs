namespace Sibyl.Cql.Syntax;

// Statement dispatch and the data statements: SELECT, INSERT, UPDATE, DELETE, BATCH, USE, TRUNCATE, DESCRIBE.
public sealed partial class CqlParser
{
    private RawStatement ParseStatement()
    {
        var t = Current;
        if (t.Kind != TokenKind.Identifier)
            throw NoViable();
        switch (t.Value)
        {
            case "select":
                return SelectStatement();
            case "insert":
                return InsertStatement();
            case "update":
                return UpdateStatement();
            case "delete":
                return DeleteStatement();
            case "begin":
                return BatchStatement();
            case "use":
                _pos++;
                return new RawUseStatement(KeyspaceName());
            case "truncate":
                _pos++;
                if (IsTableWord())
                    _pos++;
                return new RawTruncateStatement(QualifiedTableName());
            case "create":
                return CreateStatement();
            case "alter":
                return AlterStatement();
            case "drop":
                return DropStatement();
            case "grant":
                return GrantStatement();
            case "revoke":
                return RevokeStatement();
            case "list":
                return ListStatement();
            case "describe":
            case "desc":
                return DescribeStatement();
            default:
                throw NoViable();
        }
    }

    // ---- SELECT ----

    private sealed record SelectClauseResult(bool IsDistinct, ValueList<RawSelector> Selectors);

    private RawSelectStatement SelectStatement()
    {
        ExpectWord("select");
        // json and distinct are also valid column names: they are keywords only if a select clause follows.
        SelectClauseResult? clause = null;
        var isJson = false;
        if (IsWord("json"))
        {
            var mark = Save();
            _pos++;
            clause = Speculate(SelectClause);
            if (clause is null)
                Restore(mark);
            else
                isJson = true;
        }
        clause ??= SelectClause();

        ExpectWord("from");
        var table = QualifiedTableName();
        var where = ValueList<RawRelation>.Empty;
        if (AcceptWord("where"))
            where = WhereClause();

        var groupBy = ValueList<RawSelectable>.Empty;
        if (IsWord("group") && IsWordAt(1, "by"))
        {
            _pos += 2;
            var groups = new List<RawSelectable> { UnaliasedSelector() };
            while (Accept(TokenKind.Comma))
                groups.Add(UnaliasedSelector());
            groupBy = ValueList.From(groups);
        }

        var orderBy = ValueList<RawOrdering>.Empty;
        if (AcceptWord("order"))
        {
            ExpectWord("by");
            var orderings = new List<RawOrdering> { Ordering() };
            while (Accept(TokenKind.Comma))
                orderings.Add(Ordering());
            orderBy = ValueList.From(orderings);
        }

        RawTerm? perPartitionLimit = null;
        if (IsWord("per") && IsWordAt(1, "partition"))
        {
            _pos += 2;
            ExpectWord("limit");
            perPartitionLimit = IntValue();
        }

        RawTerm? limit = null;
        if (AcceptWord("limit"))
            limit = IntValue();

        var allowFiltering = false;
        if (AcceptWord("allow"))
        {
            ExpectWord("filtering");
            allowFiltering = true;
        }

        return new RawSelectStatement(table, isJson, clause.IsDistinct, clause.Selectors, where, groupBy, orderBy, perPartitionLimit, limit, allowFiltering);
    }

    private SelectClauseResult SelectClause()
    {
        if (IsWord("distinct"))
        {
            var mark = Save();
            _pos++;
            var selectors = Speculate(Selectors);
            if (selectors is not null)
                return new SelectClauseResult(true, selectors);
            Restore(mark);
        }
        return new SelectClauseResult(false, Selectors());
    }

    private RawOrdering Ordering()
    {
        var column = CIdent();
        RawTerm? ann = null;
        if (IsWord("ann") && IsWordAt(1, "of"))
        {
            _pos += 2;
            ann = Term();
        }
        var descending = false;
        if (AcceptWord("desc"))
            descending = true;
        else
            AcceptWord("asc");
        return new RawOrdering(column, descending, ann);
    }

    // ---- INSERT ----

    private RawModificationStatement InsertStatement()
    {
        ExpectWord("insert");
        ExpectWord("into");
        var table = QualifiedTableName();
        if (AcceptWord("json"))
        {
            RawTerm json;
            if (Is(TokenKind.String))
                json = Constant();
            else if (IsMarkerStart())
                json = Marker();
            else
                throw NoViable();
            var jsonDefault = JsonDefault.Null;
            if (AcceptWord("default"))
            {
                if (AcceptWord("unset"))
                    jsonDefault = JsonDefault.Unset;
                else if (!AcceptWord("null"))
                    throw NoViable();
            }
            var ifNotExists = AcceptIfNotExists();
            var attributes = UsingClause();
            return new RawInsertJsonStatement(table, json, jsonDefault, ifNotExists, attributes);
        }

        Expect(TokenKind.LParen);
        var columns = new List<string> { CIdent() };
        while (Accept(TokenKind.Comma))
            columns.Add(CIdent());
        Expect(TokenKind.RParen);
        ExpectWord("values");
        Expect(TokenKind.LParen);
        var values = new List<RawTerm> { Term() };
        while (Accept(TokenKind.Comma))
            values.Add(Term());
        Expect(TokenKind.RParen);
        var notExists = AcceptIfNotExists();
        var attrs = UsingClause();
        return new RawInsertStatement(table, ValueList.From(columns), ValueList.From(values), notExists, attrs);
    }

    /// <summary>usingClause: USING (TIMESTAMP intValue | TTL intValue) (AND ...)*; absent gives <see cref="RawAttributes.None"/>.</summary>
    private RawAttributes UsingClause()
    {
        if (!AcceptWord("using"))
            return RawAttributes.None;
        RawTerm? timestamp = null;
        RawTerm? ttl = null;
        do
        {
            if (AcceptWord("timestamp"))
                timestamp = IntValue();
            else if (AcceptWord("ttl"))
                ttl = IntValue();
            else
                throw NoViable();
        }
        while (AcceptWord("and"));
        return new RawAttributes(timestamp, ttl);
    }

    // ---- UPDATE ----

    private RawUpdateStatement UpdateStatement()
    {
        ExpectWord("update");
        var table = QualifiedTableName();
        var attributes = UsingClause();
        ExpectWord("set");
        var operations = new List<RawUpdateOperation>();
        AddOperation(operations, ColumnOperation());
        while (Accept(TokenKind.Comma))
            AddOperation(operations, ColumnOperation());
        ExpectWord("where");
        var where = WhereClause();
        var (conditions, ifExists) = IfClause();
        return new RawUpdateStatement(table, attributes, ValueList.From(operations), where, conditions, ifExists);
    }

    /// <summary>Cassandra refuses, at parse time, a plain assignment combined with another operation on the same column.</summary>
    private void AddOperation(List<RawUpdateOperation> operations, RawUpdateOperation operation)
    {
        foreach (var existing in operations)
        {
            if (existing.Column != operation.Column)
                continue;
            var compatible = existing.Kind != UpdateOperationKind.SetValue && operation.Kind != UpdateOperationKind.SetValue
                && !(existing.Kind == UpdateOperationKind.SetField && operation.Kind == UpdateOperationKind.SetField && existing.Field == operation.Field);
            if (!compatible)
                throw Recognition("Multiple incompatible setting of column " + CqlNames.MaybeQuote(operation.Column));
        }
        operations.Add(operation);
    }

    private (ValueList<RawColumnCondition> Conditions, bool IfExists) IfClause()
    {
        if (!AcceptWord("if"))
            return (ValueList<RawColumnCondition>.Empty, false);
        if (AcceptWord("exists"))
            return (ValueList<RawColumnCondition>.Empty, true);
        return (UpdateConditions(), false);
    }

    private RawUpdateOperation ColumnOperation()
    {
        var key = CIdent();
        if (Accept(TokenKind.Eq))
            return NormalColumnOperation(key);
        if (Accept(TokenKind.PlusEq))
            return new RawUpdateOperation(key, UpdateOperationKind.Addition, Term());
        if (Accept(TokenKind.MinusEq))
            return new RawUpdateOperation(key, UpdateOperationKind.Subtraction, Term());
        if (Accept(TokenKind.LBracket))
        {
            var element = Term();
            Expect(TokenKind.RBracket);
            Expect(TokenKind.Eq);
            return new RawUpdateOperation(key, UpdateOperationKind.SetElement, Term(), Element: element);
        }
        if (Accept(TokenKind.Dot))
        {
            var field = FieldIdent();
            Expect(TokenKind.Eq);
            return new RawUpdateOperation(key, UpdateOperationKind.SetField, Term(), Field: field);
        }
        throw NoViable();
    }

    private RawUpdateOperation NormalColumnOperation(string key)
    {
        if (IsBareColumnAt(0) && PeekToken(1).Kind is TokenKind.Plus or TokenKind.Minus or TokenKind.Integer)
        {
            var column = CIdent();
            if (Is(TokenKind.Integer))
            {
                // "c = c -3" lexes the sign into the integer: Cassandra treats it as an addition of -3.
                var literal = Constant();
                if (column != key)
                    throw Recognition("Only expressions of the form X = X " + (literal.Text.StartsWith('-') ? '-' : '+') + " <value> are supported.");
                return new RawUpdateOperation(key, UpdateOperationKind.Addition, literal);
            }
            var sign = Current.Kind == TokenKind.Plus ? "+" : "-";
            _pos++;
            if (column != key)
                throw Recognition("Only expressions of the form X = X " + sign + "<value> are supported.");
            var value = Term();
            return new RawUpdateOperation(key, sign == "+" ? UpdateOperationKind.Addition : UpdateOperationKind.Subtraction, value);
        }

        var term = Term();
        if (Is(TokenKind.Plus) && IsBareColumnAt(1))
        {
            _pos++;
            var column = CIdent();
            if (column != key)
                throw Recognition("Only expressions of the form X = <value> + X are supported.");
            return new RawUpdateOperation(key, UpdateOperationKind.Prepend, term);
        }
        return new RawUpdateOperation(key, UpdateOperationKind.SetValue, term);
    }

    // ---- DELETE ----

    private RawDeleteStatement DeleteStatement()
    {
        ExpectWord("delete");
        var deletions = new List<RawDeletion>();
        if (!IsWord("from"))
        {
            deletions.Add(DeleteOp());
            while (Accept(TokenKind.Comma))
                deletions.Add(DeleteOp());
        }
        ExpectWord("from");
        var table = QualifiedTableName();
        var attributes = RawAttributes.None;
        if (AcceptWord("using"))
        {
            ExpectWord("timestamp");
            attributes = new RawAttributes(IntValue(), null);
        }
        ExpectWord("where");
        var where = WhereClause();
        var (conditions, ifExists) = IfClause();
        return new RawDeleteStatement(table, ValueList.From(deletions), attributes, where, conditions, ifExists);
    }

    private RawDeletion DeleteOp()
    {
        var column = CIdent();
        if (Accept(TokenKind.LBracket))
        {
            var element = Term();
            Expect(TokenKind.RBracket);
            return new RawDeletion(column, Element: element);
        }
        if (Accept(TokenKind.Dot))
            return new RawDeletion(column, Field: FieldIdent());
        return new RawDeletion(column);
    }

    // ---- BATCH ----

    private RawBatchStatement BatchStatement()
    {
        ExpectWord("begin");
        var type = BatchType.Logged;
        if (AcceptWord("unlogged"))
            type = BatchType.Unlogged;
        else if (AcceptWord("counter"))
            type = BatchType.Counter;
        ExpectWord("batch");
        var attributes = UsingClause();
        var statements = new List<RawModificationStatement>();
        while (true)
        {
            if (IsWord("insert"))
                statements.Add(InsertStatement());
            else if (IsWord("update"))
                statements.Add(UpdateStatement());
            else if (IsWord("delete"))
                statements.Add(DeleteStatement());
            else
                break;
            Accept(TokenKind.Semicolon);
        }
        ExpectWord("apply");
        ExpectWord("batch");
        return new RawBatchStatement(type, attributes, ValueList.From(statements));
    }

    // ---- DESCRIBE ----

    private RawDescribeStatement DescribeStatement()
    {
        _pos++;
        var kind = DescribeKind.Generic;
        QualifiedName? name = null;
        var full = false;
        var only = false;
        var t = Current;
        var hasName = IsIdentToken(PeekToken(1));

        if (t.IsWord("cluster"))
        {
            _pos++;
            kind = DescribeKind.Cluster;
        }
        else if (t.IsWord("full") || t.IsWord("schema"))
        {
            full = AcceptWord("full");
            ExpectWord("schema");
            kind = DescribeKind.Schema;
        }
        else if (t.IsWord("keyspaces"))
        {
            _pos++;
            kind = DescribeKind.Keyspaces;
        }
        else if (t.IsWord("keyspace") || (t.IsWord("only") && IsWordAt(1, "keyspace")))
        {
            only = AcceptWord("only");
            _pos++;
            kind = DescribeKind.Keyspace;
            if (IsIdentToken(Current) && !(IsWord("with") && IsWordAt(1, "internals")))
                name = new QualifiedName(null, KeyspaceName());
        }
        else if (t.IsWord("tables") || t.IsWord("columnfamilies"))
        {
            _pos++;
            kind = DescribeKind.Tables;
        }
        else if (IsTableWord())
        {
            _pos++;
            kind = DescribeKind.Table;
            name = QualifiedTableName();
        }
        else if (t.IsWord("index"))
        {
            _pos++;
            kind = DescribeKind.Index;
            name = QualifiedTableName("index");
        }
        else if (t.IsWord("materialized"))
        {
            _pos++;
            ExpectWord("view");
            kind = DescribeKind.MaterializedView;
            name = QualifiedTableName();
        }
        else if (t.IsWord("types"))
        {
            _pos++;
            kind = DescribeKind.Types;
        }
        else if (t.IsWord("type") && hasName)
        {
            _pos++;
            kind = DescribeKind.Type;
            name = UserTypeName();
        }
        else if (t.IsWord("functions"))
        {
            _pos++;
            kind = DescribeKind.Functions;
        }
        else if (t.IsWord("function") && hasName)
        {
            _pos++;
            kind = DescribeKind.Function;
            var fn = FunctionNameRule();
            name = new QualifiedName(fn.Keyspace, fn.Name);
        }
        else if (t.IsWord("aggregates"))
        {
            _pos++;
            kind = DescribeKind.Aggregates;
        }
        else if (t.IsWord("aggregate") && hasName)
        {
            _pos++;
            kind = DescribeKind.Aggregate;
            var fn = FunctionNameRule();
            name = new QualifiedName(fn.Keyspace, fn.Name);
        }
        else
        {
            name = QualifiedTableName();
        }

        var withInternals = false;
        if (AcceptWord("with"))
        {
            ExpectWord("internals");
            withInternals = true;
        }
        return new RawDescribeStatement(kind, name, full, only, withInternals);
    }
}
