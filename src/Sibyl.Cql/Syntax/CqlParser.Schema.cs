namespace Sibyl.Cql.Syntax;

// Schema statements: CREATE/ALTER/DROP of keyspaces, tables, types, indexes, views, triggers, functions, aggregates.
public sealed partial class CqlParser
{
    private RawStatement CreateStatement()
    {
        ExpectWord("create");
        if (IsKeyspaceWord())
            return CreateKeyspace();
        if (IsTableWord())
            return CreateTable();
        if (IsWord("index") || IsWord("custom"))
            return CreateIndex();
        if (IsWord("type"))
            return CreateType();
        if (IsWord("materialized"))
            return CreateView();
        if (IsWord("trigger"))
            return CreateTrigger();
        if (IsWord("role"))
            return CreateRole();
        if (IsWord("user"))
            return CreateUser();
        var orReplace = false;
        if (AcceptWord("or"))
        {
            ExpectWord("replace");
            orReplace = true;
        }
        if (IsWord("function"))
            return CreateFunction(orReplace);
        if (IsWord("aggregate"))
            return CreateAggregate(orReplace);
        throw NoViable();
    }

    private RawStatement AlterStatement()
    {
        ExpectWord("alter");
        if (IsKeyspaceWord())
        {
            _pos++;
            var ifExists = AcceptIfExists();
            var ks = KeyspaceName();
            ExpectWord("with");
            return new RawAlterKeyspaceStatement(ks, ifExists, Properties());
        }
        if (IsTableWord())
            return AlterTable();
        if (IsWord("type"))
            return AlterType();
        if (AcceptWord("materialized"))
        {
            ExpectWord("view");
            var ifExists = AcceptIfExists();
            var view = QualifiedTableName();
            ExpectWord("with");
            return new RawAlterViewStatement(view, ifExists, Properties());
        }
        if (IsWord("role"))
            return AlterRole();
        if (IsWord("user"))
            return AlterUser();
        throw NoViable();
    }

    private RawStatement DropStatement()
    {
        ExpectWord("drop");
        if (IsKeyspaceWord())
        {
            _pos++;
            var ifExists = AcceptIfExists();
            return new RawDropKeyspaceStatement(KeyspaceName(), ifExists);
        }
        if (IsTableWord())
        {
            _pos++;
            var ifExists = AcceptIfExists();
            return new RawDropTableStatement(QualifiedTableName(), ifExists);
        }
        if (AcceptWord("index"))
        {
            var ifExists = AcceptIfExists();
            return new RawDropIndexStatement(QualifiedTableName("index"), ifExists);
        }
        if (AcceptWord("type"))
        {
            var ifExists = AcceptIfExists();
            return new RawDropTypeStatement(UserTypeName(), ifExists);
        }
        if (AcceptWord("materialized"))
        {
            ExpectWord("view");
            var ifExists = AcceptIfExists();
            return new RawDropViewStatement(QualifiedTableName(), ifExists);
        }
        if (AcceptWord("trigger"))
        {
            var ifExists = AcceptIfExists();
            var name = Ident();
            ExpectWord("on");
            return new RawDropTriggerStatement(QualifiedTableName(), name, ifExists);
        }
        if (AcceptWord("function"))
        {
            var ifExists = AcceptIfExists();
            var name = FunctionNameRule();
            ValueList<RawType>? args = Is(TokenKind.LParen) ? TypeList() : null;
            return new RawDropFunctionStatement(name, args, ifExists);
        }
        if (AcceptWord("aggregate"))
        {
            var ifExists = AcceptIfExists();
            var name = FunctionNameRule();
            ValueList<RawType>? args = Is(TokenKind.LParen) ? TypeList() : null;
            return new RawDropAggregateStatement(name, args, ifExists);
        }
        if (AcceptWord("role"))
        {
            var ifExists = AcceptIfExists();
            return new RawDropRoleStatement(RoleName(), ifExists, IsUser: false);
        }
        if (AcceptWord("user"))
        {
            var ifExists = AcceptIfExists();
            return new RawDropRoleStatement(UserName(), ifExists, IsUser: true);
        }
        throw NoViable();
    }

    // ---- keyspace ----

    private RawCreateKeyspaceStatement CreateKeyspace()
    {
        ExpectKeyspaceWord();
        var ifNotExists = AcceptIfNotExists();
        var ks = KeyspaceName();
        ExpectWord("with");
        return new RawCreateKeyspaceStatement(ks, ifNotExists, Properties());
    }

    // ---- table ----

    private sealed class TableDefinition
    {
        public readonly List<RawColumnDefinition> Columns = [];
        public readonly List<string> PartitionKey = [];
        public readonly List<string> Clustering = [];
        public readonly List<RawClusteringOrder> Order = [];
        public readonly List<RawProperty> Properties = [];
        public int PrimaryKeyDeclarations;
        public bool CompactStorage;
    }

    private RawCreateTableStatement CreateTable()
    {
        ExpectTableWord();
        var ifNotExists = AcceptIfNotExists();
        var name = QualifiedTableName();
        var def = new TableDefinition();
        Expect(TokenKind.LParen);
        TableColumn(def);
        // Cassandra's grammar makes every definition after a comma optional: "(a int, , b int,)" parses.
        while (Accept(TokenKind.Comma))
        {
            if (!Is(TokenKind.RParen) && !Is(TokenKind.Comma))
                TableColumn(def);
        }
        Expect(TokenKind.RParen);
        if (AcceptWord("with"))
        {
            TableProperty(def, isView: false);
            while (AcceptWord("and"))
                TableProperty(def, isView: false);
        }
        return new RawCreateTableStatement(name, ifNotExists, ValueList.From(def.Columns), ValueList.From(def.PartitionKey),
            ValueList.From(def.Clustering), def.PrimaryKeyDeclarations, ValueList.From(def.Order), def.CompactStorage, ValueList.From(def.Properties));
    }

    private void TableColumn(TableDefinition def)
    {
        if (IsWord("primary"))
        {
            PrimaryKeyClause(def);
            return;
        }
        var column = Ident();
        var type = ComparatorType();
        var isStatic = AcceptWord("static");
        def.Columns.Add(new RawColumnDefinition(column, type, isStatic, OptionalColumnMask()));
        if (AcceptWord("primary"))
        {
            ExpectWord("key");
            def.PrimaryKeyDeclarations++;
            if (def.PrimaryKeyDeclarations == 1)
                def.PartitionKey.Add(column);
        }
    }

    /// <summary>PRIMARY KEY '(' (k | '(' k1, k2 ')') (',' c)* ')'.</summary>
    private void PrimaryKeyClause(TableDefinition def)
    {
        ExpectWord("primary");
        ExpectWord("key");
        def.PrimaryKeyDeclarations++;
        var first = def.PrimaryKeyDeclarations == 1;
        Expect(TokenKind.LParen);
        var partition = new List<string>();
        if (Accept(TokenKind.LParen))
        {
            partition.Add(Ident());
            while (Accept(TokenKind.Comma))
                partition.Add(Ident());
            Expect(TokenKind.RParen);
        }
        else
        {
            partition.Add(Ident());
        }
        var clustering = new List<string>();
        while (Accept(TokenKind.Comma))
            clustering.Add(Ident());
        Expect(TokenKind.RParen);
        if (first)
        {
            def.PartitionKey.AddRange(partition);
            def.Clustering.AddRange(clustering);
        }
    }

    private void TableProperty(TableDefinition def, bool isView)
    {
        if (IsWord("compact") && IsWordAt(1, "storage"))
        {
            if (isView)
                throw Recognition("COMPACT STORAGE tables are not allowed starting with version 4.0");
            _pos += 2;
            def.CompactStorage = true;
            return;
        }
        if (IsWord("clustering") && IsWordAt(1, "order"))
        {
            _pos += 2;
            ExpectWord("by");
            Expect(TokenKind.LParen);
            do
            {
                var column = Ident();
                bool ascending;
                if (AcceptWord("asc"))
                    ascending = true;
                else if (AcceptWord("desc"))
                    ascending = false;
                else
                    throw NoViable();
                def.Order.Add(new RawClusteringOrder(column, ascending));
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RParen);
            return;
        }
        Property(def.Properties);
    }

    private RawColumnDefinition AddedColumn()
    {
        var name = Ident();
        var type = ComparatorType();
        var isStatic = AcceptWord("static");
        return new RawColumnDefinition(name, type, isStatic, OptionalColumnMask());
    }

    /// <summary>columnMask: MASKED WITH (DEFAULT | functionName '(' (term (',' term)*)? ')').</summary>
    private RawColumnMask? OptionalColumnMask()
    {
        if (!AcceptWord("masked"))
            return null;
        ExpectWord("with");
        if (AcceptWord("default"))
            return RawColumnMask.Default;
        var function = FunctionNameRule();
        Expect(TokenKind.LParen);
        var args = new List<RawTerm>();
        if (!Is(TokenKind.RParen))
        {
            args.Add(Term());
            while (Accept(TokenKind.Comma))
                args.Add(Term());
        }
        Expect(TokenKind.RParen);
        return new RawColumnMask(function, ValueList.From(args));
    }

    private RawAlterTableStatement AlterTable()
    {
        ExpectTableWord();
        var ifExists = AcceptIfExists();
        var table = QualifiedTableName();
        var empty = new RawAlterTableStatement(table, ifExists, AlterTableKind.WithProperties, ValueList<RawColumnDefinition>.Empty,
            ValueList<string>.Empty, null, ValueList<RawRename>.Empty, null, null, ValueList<RawProperty>.Empty, false, false);

        if (AcceptWord("alter"))
        {
            var ifColumnExists = AcceptIfExists();
            var column = CIdent();
            if (!ifColumnExists && AcceptWord("type"))
                return empty with { Kind = AlterTableKind.AlterColumnType, AlteredColumn = column, NewType = ComparatorType() };
            if (IsWord("drop") && IsWordAt(1, "masked"))
            {
                _pos += 2;
                return empty with { Kind = AlterTableKind.AlterColumnMask, AlteredColumn = column, IfColumnExists = ifColumnExists };
            }
            var mask = OptionalColumnMask() ?? throw NoViable();
            return empty with { Kind = AlterTableKind.AlterColumnMask, AlteredColumn = column, IfColumnExists = ifColumnExists, NewMask = mask };
        }
        if (AcceptWord("add"))
        {
            var ifNotExists = AcceptIfNotExists();
            var columns = new List<RawColumnDefinition>();
            if (Accept(TokenKind.LParen))
            {
                do
                {
                    columns.Add(AddedColumn());
                }
                while (Accept(TokenKind.Comma));
                Expect(TokenKind.RParen);
            }
            else
            {
                columns.Add(AddedColumn());
            }
            return empty with { Kind = AlterTableKind.AddColumns, AddedColumns = ValueList.From(columns), IfColumnNotExists = ifNotExists };
        }
        if (AcceptWord("drop"))
        {
            if (IsWord("compact") && IsWordAt(1, "storage"))
            {
                _pos += 2;
                return empty with { Kind = AlterTableKind.DropCompactStorage };
            }
            var ifColumnExists = AcceptIfExists();
            var columns = new List<string>();
            if (Accept(TokenKind.LParen))
            {
                columns.Add(Ident());
                while (Accept(TokenKind.Comma))
                    columns.Add(Ident());
                Expect(TokenKind.RParen);
            }
            else
            {
                columns.Add(Ident());
            }
            long? timestamp = null;
            if (AcceptWord("using"))
            {
                ExpectWord("timestamp");
                var ts = Expect(TokenKind.Integer);
                if (!long.TryParse(ts.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
                    throw Recognition("Invalid timestamp " + ts.Value);
                timestamp = value;
            }
            return empty with { Kind = AlterTableKind.DropColumns, DroppedColumns = ValueList.From(columns), DropTimestamp = timestamp, IfColumnExists = ifColumnExists };
        }
        if (AcceptWord("rename"))
        {
            var ifColumnExists = AcceptIfExists();
            var renames = new List<RawRename>();
            do
            {
                var from = Ident();
                ExpectWord("to");
                renames.Add(new RawRename(from, Ident()));
            }
            while (AcceptWord("and"));
            return empty with { Kind = AlterTableKind.RenameColumns, Renames = ValueList.From(renames), IfColumnExists = ifColumnExists };
        }
        if (AcceptWord("with"))
            return empty with { Kind = AlterTableKind.WithProperties, Properties = Properties() };
        throw NoViable();
    }

    // ---- types ----

    private RawCreateTypeStatement CreateType()
    {
        ExpectWord("type");
        var ifNotExists = AcceptIfNotExists();
        var name = UserTypeName();
        Expect(TokenKind.LParen);
        var fields = new List<RawFieldDefinition> { new(FieldIdent(), ComparatorType()) };
        while (Accept(TokenKind.Comma))
        {
            if (!Is(TokenKind.RParen))
                fields.Add(new RawFieldDefinition(FieldIdent(), ComparatorType()));
        }
        Expect(TokenKind.RParen);
        return new RawCreateTypeStatement(name, ifNotExists, ValueList.From(fields));
    }

    private RawAlterTypeStatement AlterType()
    {
        ExpectWord("type");
        var ifExists = AcceptIfExists();
        var name = UserTypeName();
        if (AcceptWord("alter"))
        {
            var field = FieldIdent();
            ExpectWord("type");
            return new RawAlterTypeStatement(name, ifExists, AlterTypeKind.AlterFieldType, new RawFieldDefinition(field, ComparatorType()),
                ValueList<RawRename>.Empty, false, false);
        }
        if (AcceptWord("add"))
        {
            var ifNotExists = AcceptIfNotExists();
            var field = FieldIdent();
            return new RawAlterTypeStatement(name, ifExists, AlterTypeKind.AddField, new RawFieldDefinition(field, ComparatorType()),
                ValueList<RawRename>.Empty, false, ifNotExists);
        }
        if (AcceptWord("rename"))
        {
            var ifFieldExists = AcceptIfExists();
            var renames = new List<RawRename>();
            do
            {
                var from = FieldIdent();
                ExpectWord("to");
                renames.Add(new RawRename(from, FieldIdent()));
            }
            while (AcceptWord("and"));
            return new RawAlterTypeStatement(name, ifExists, AlterTypeKind.RenameFields, null, ValueList.From(renames), ifFieldExists, false);
        }
        throw NoViable();
    }

    // ---- index ----

    private RawCreateIndexStatement CreateIndex()
    {
        var isCustom = AcceptWord("custom");
        ExpectWord("index");
        var ifNotExists = AcceptIfNotExists();
        string? name = null;
        if (!IsWord("on"))
        {
            if (Is(TokenKind.QMark))
                throw Recognition("Bind variables cannot be used for index names");
            name = Ident();
        }
        ExpectWord("on");
        var table = QualifiedTableName();
        Expect(TokenKind.LParen);
        var targets = new List<RawIndexTarget>();
        if (!Is(TokenKind.RParen))
        {
            targets.Add(IndexTarget());
            while (Accept(TokenKind.Comma))
                targets.Add(IndexTarget());
        }
        Expect(TokenKind.RParen);
        string? customClass = null;
        if (AcceptWord("using"))
            customClass = StringLiteral();
        var properties = ValueList<RawProperty>.Empty;
        if (AcceptWord("with"))
            properties = Properties();
        return new RawCreateIndexStatement(table, name, ValueList.From(targets), isCustom, customClass, properties, ifNotExists);
    }

    private RawIndexTarget IndexTarget()
    {
        if (Current.Kind == TokenKind.Identifier && PeekToken(1).Kind == TokenKind.LParen)
        {
            IndexTargetKind? kind = Current.Value switch
            {
                "keys" => IndexTargetKind.Keys,
                "values" => IndexTargetKind.Values,
                "entries" => IndexTargetKind.Entries,
                "full" => IndexTargetKind.Full,
                _ => null,
            };
            if (kind is null)
                throw NoViable();
            _pos += 2;
            var column = CIdent();
            Expect(TokenKind.RParen);
            return new RawIndexTarget(column, kind.Value);
        }
        return new RawIndexTarget(CIdent(), IndexTargetKind.Simple);
    }

    // ---- materialized view ----

    private RawCreateViewStatement CreateView()
    {
        ExpectWord("materialized");
        ExpectWord("view");
        var ifNotExists = AcceptIfNotExists();
        var view = QualifiedTableName();
        ExpectWord("as");
        ExpectWord("select");
        var selectors = Selectors();
        ExpectWord("from");
        var baseTable = QualifiedTableName();
        var where = ValueList<RawRelation>.Empty;
        if (AcceptWord("where"))
            where = WhereClause();
        var def = new TableDefinition();
        PrimaryKeyClause(def);
        if (AcceptWord("with"))
        {
            TableProperty(def, isView: true);
            while (AcceptWord("and"))
                TableProperty(def, isView: true);
        }
        return new RawCreateViewStatement(view, ifNotExists, baseTable, selectors, where, ValueList.From(def.PartitionKey),
            ValueList.From(def.Clustering), ValueList.From(def.Order), ValueList.From(def.Properties));
    }

    // ---- trigger ----

    private RawCreateTriggerStatement CreateTrigger()
    {
        ExpectWord("trigger");
        var ifNotExists = AcceptIfNotExists();
        var name = Ident();
        ExpectWord("on");
        var table = QualifiedTableName();
        ExpectWord("using");
        return new RawCreateTriggerStatement(table, name, StringLiteral(), ifNotExists);
    }

    // ---- functions and aggregates ----

    private RawCreateFunctionStatement CreateFunction(bool orReplace)
    {
        ExpectWord("function");
        var ifNotExists = AcceptIfNotExists();
        var name = FunctionNameRule();
        Expect(TokenKind.LParen);
        var args = new List<RawFunctionArgument>();
        if (!Is(TokenKind.RParen))
        {
            do
            {
                args.Add(new RawFunctionArgument(NoncolIdent(), ComparatorType()));
            }
            while (Accept(TokenKind.Comma));
        }
        Expect(TokenKind.RParen);
        bool calledOnNullInput;
        if (AcceptWord("returns"))
        {
            ExpectWord("null");
            calledOnNullInput = false;
        }
        else if (AcceptWord("called"))
        {
            calledOnNullInput = true;
        }
        else
        {
            throw NoViable();
        }
        ExpectWord("on");
        ExpectWord("null");
        ExpectWord("input");
        ExpectWord("returns");
        var returnType = ComparatorType();
        ExpectWord("language");
        var language = Current;
        if (language.Kind != TokenKind.Identifier || CqlKeywords.All.Contains(language.Value))
            throw Mismatched("IDENT");
        _pos++;
        ExpectWord("as");
        var body = StringLiteral();
        return new RawCreateFunctionStatement(name, orReplace, ifNotExists, ValueList.From(args), returnType, calledOnNullInput, language.Value, body);
    }

    private RawCreateAggregateStatement CreateAggregate(bool orReplace)
    {
        ExpectWord("aggregate");
        var ifNotExists = AcceptIfNotExists();
        var name = FunctionNameRule();
        var argTypes = TypeList();
        ExpectWord("sfunc");
        var stateFunction = AllowedFunctionName();
        ExpectWord("stype");
        var stateType = ComparatorType();
        string? finalFunction = null;
        if (AcceptWord("finalfunc"))
            finalFunction = AllowedFunctionName();
        RawTerm? initCond = null;
        if (AcceptWord("initcond"))
            initCond = Term();
        return new RawCreateAggregateStatement(name, orReplace, ifNotExists, argTypes, stateFunction, stateType, finalFunction, initCond);
    }
}
