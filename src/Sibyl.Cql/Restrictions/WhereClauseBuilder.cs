using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Restrictions;

/// <summary>Which statement a WHERE clause belongs to: the rules differ for reads and writes.</summary>
public enum WhereClauseKind
{
    Select,
    Update,
    Delete,
}

/// <summary>Prepares a WHERE clause against a table, applying Cassandra's restriction rules and messages.</summary>
public static class WhereClauseBuilder
{
    public const string RequiresAllowFiltering =
        "Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. "
        + "If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING";

    public static WhereClause Build(TableMetadata table, IReadOnlyList<RawRelation> relations, WhereClauseKind kind, bool allowFiltering, BindVariables bindings)
    {
        if (kind == WhereClauseKind.Select) relations = SecondaryIndexRules.Normalize(table, relations);
        var pk = new ValueSet?[table.PartitionKeyColumns.Length];
        var clusteringParts = new SortedDictionary<int, (ClusteringPart Part, string Column, ValueSet? Values)>();
        // Per-column EQ filters a multi-column EQ becomes when it cannot select rows (ALLOW FILTERING over a gap).
        var multiEqFilters = new Dictionary<int, List<FilterExpression>>();
        ClusteringSlice? slice = null;
        SliceBound? tokenStart = null, tokenEnd = null;
        var filters = new List<FilterExpression>();
        var eqColumns = new HashSet<string>(StringComparer.Ordinal);
        // With an index able to answer one of the relations, what would need ALLOW FILTERING is filtered instead,
        // and whether ALLOW FILTERING is still needed is decided at the end (Cassandra's usesSecondaryIndexing).
        bool indexed = kind == WhereClauseKind.Select && SecondaryIndexRules.HasQueriableIndex(table, relations);

        foreach (var relation in relations)
        {
            switch (relation)
            {
                case SingleColumnRelation single:
                {
                    var column = table.GetColumn(single.Column)
                        ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(single.Column)} in table {table.QualifiedName}");
                    var op = single.Operator;
                    if (op is RelationOperator.Contains or RelationOperator.ContainsKey && !column.Type.IsCollection)
                        throw new InvalidRequestException($"Cannot use {op.ToCql()} on non-collection column {column.Name}");
                    if (op is RelationOperator.ContainsKey && column.Type is not MapType)
                        throw new InvalidRequestException($"Cannot use CONTAINS KEY on non-map column {column.Name}");
                    if (column.Type.IsCollection && column.Type.IsMultiCell && op is RelationOperator.Eq or RelationOperator.In
                            or RelationOperator.Lt or RelationOperator.Lte or RelationOperator.Gt or RelationOperator.Gte)
                        throw new InvalidRequestException($"Collection column '{column.Name}' ({column.Type.CqlName}) cannot be restricted by a '{op.ToCql()}' relation");
                    if (op == RelationOperator.IsNot)
                        throw new InvalidRequestException($"Unsupported restriction: {single.ToCql()}");
                    if (op == RelationOperator.Neq)
                        throw new InvalidRequestException($"Unsupported \"!=\" relation: {single.ToCql()}");
                    if (op is RelationOperator.Like or RelationOperator.NotIn or RelationOperator.NotContains or RelationOperator.NotContainsKey or RelationOperator.Between)
                        throw new InvalidRequestException($"{op.ToCql()} restrictions are not supported");
                    var spec = new ColumnSpecification(table.Keyspace, table.Name, column.Name, column.Type);
                    if (op is RelationOperator.Lt or RelationOperator.Lte or RelationOperator.Gt or RelationOperator.Gte)
                        RefuseDurationSlice(column.Type);

                    if (op is RelationOperator.Eq or RelationOperator.In)
                    {
                        if (!eqColumns.Add(column.Name))
                            throw new InvalidRequestException($"{column.Name} cannot be restricted by more than one relation if it includes {(op == RelationOperator.In ? "a IN" : "an Equal")}");
                    }

                    if (column.Kind == ColumnKind.PartitionKey && op is RelationOperator.Eq or RelationOperator.In)
                    {
                        pk[column.Position] = ValuesFor(single, spec, bindings);
                    }
                    else if (column.Kind == ColumnKind.Clustering && op is RelationOperator.Eq or RelationOperator.In)
                    {
                        var values = ValuesFor(single, spec, bindings);
                        if (slice?.FirstColumn == column.Position)
                            throw new InvalidRequestException($"{column.Name} cannot be restricted by more than one relation if it includes {(op == RelationOperator.In ? "a IN" : "an Equal")}");
                        clusteringParts[column.Position] = (new ClusteringPart(1, (o, s) => [.. values.Values(o, s, column.Name).Select(v => new[] { v })]), column.Name, values);
                    }
                    else if (column.Kind == ColumnKind.Clustering && op is RelationOperator.Lt or RelationOperator.Lte or RelationOperator.Gt or RelationOperator.Gte
                             && (slice is null || slice.FirstColumn == column.Position))
                    {
                        if (clusteringParts.ContainsKey(column.Position) || eqColumns.Contains(column.Name))
                            throw new InvalidRequestException($"{column.Name} cannot be restricted by more than one relation if it includes an Equal");
                        slice ??= new ClusteringSlice(column.Position, null, null, column.Name);
                        var bound = new SliceBound([TermPreparer.Prepare(single.Value, spec, bindings)], op is RelationOperator.Lte or RelationOperator.Gte);
                        AddBound(slice, bound, op is RelationOperator.Gt or RelationOperator.Gte, column.Name);
                    }
                    else if (column.Kind == ColumnKind.Clustering && op is RelationOperator.Lt or RelationOperator.Lte or RelationOperator.Gt or RelationOperator.Gte
                             && slice is not null && (!allowFiltering || kind != WhereClauseKind.Select))
                    {
                        throw SliceConflict(table, slice, column.Position, 1);
                    }
                    else
                    {
                        if (kind != WhereClauseKind.Select)
                        {
                            if (column.Kind == ColumnKind.PartitionKey)
                                throw new InvalidRequestException("Only EQ and IN relation are supported on the partition key (unless you use the token() function)");
                            if (!column.IsPrimaryKey)
                                throw new InvalidRequestException($"Non PRIMARY KEY columns found in where clause: {column.Name} ");
                            throw new InvalidRequestException($"Invalid operator {op.ToCql()} for PRIMARY KEY part {column.Name}");
                        }
                        filters.Add(FilterFor(single, column, spec, bindings));
                    }
                    break;
                }
                case MapElementRelation entry:
                    filters.Add(MapEntryRestriction.Build(table, entry, kind, bindings));
                    break;
                case TokenRelation token:
                {
                    ValidateTokenColumns(table, token.Columns);
                    if (kind != WhereClauseKind.Select)
                        throw new InvalidRequestException("The token function cannot be used in WHERE clauses for UPDATE and DELETE statements");
                    var spec = new ColumnSpecification(table.Keyspace, table.Name, "partition key token", CqlType.BigInt);
                    var bound = new SliceBound([TermPreparer.Prepare(token.Value, spec, bindings)], token.Operator is RelationOperator.Eq or RelationOperator.Gte or RelationOperator.Lte);
                    switch (token.Operator)
                    {
                        case RelationOperator.Eq:
                            if (tokenStart is not null || tokenEnd is not null)
                                throw new InvalidRequestException("Columns \"token(" + string.Join(", ", token.Columns) + ")\" cannot be restricted by both an equality and an inequality relation");
                            tokenStart = tokenEnd = bound;
                            break;
                        case RelationOperator.Gt or RelationOperator.Gte:
                            if (tokenStart is not null)
                                throw new InvalidRequestException("More than one restriction was found for the start bound on " + string.Join(", ", token.Columns));
                            tokenStart = bound;
                            break;
                        case RelationOperator.Lt or RelationOperator.Lte:
                            if (tokenEnd is not null)
                                throw new InvalidRequestException("More than one restriction was found for the end bound on " + string.Join(", ", token.Columns));
                            tokenEnd = bound;
                            break;
                        default:
                            throw new InvalidRequestException($"Unsupported operator {token.Operator.ToCql()} on token function");
                    }
                    break;
                }
                case MultiColumnRelation multi:
                {
                    if (multi.Operator == RelationOperator.Neq)
                        throw new InvalidRequestException($"Unsupported \"!=\" relation: {multi.ToCql()}");
                    var columns = multi.Columns.Select(name => table.GetColumn(name)
                        ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(name)} in table {table.QualifiedName}")).ToList();
                    foreach (var c in columns)
                        if (c.Kind != ColumnKind.Clustering)
                            throw new InvalidRequestException($"Multi-column relations can only be applied to clustering columns but was applied to: {c.Name}");
                    for (int i = 1; i < columns.Count; i++)
                        if (columns[i].Position != columns[i - 1].Position + 1)
                            throw new InvalidRequestException($"Clustering columns must appear in the PRIMARY KEY order in multi-column relations: {multi.ToCql()}");
                    var tupleType = new TupleType([.. columns.Select(c => c.Type)]);
                    string tupleName = "(" + string.Join(",", columns.Select(c => c.Name)) + ")";
                    var tupleSpec = new ColumnSpecification(table.Keyspace, table.Name, tupleName, tupleType);
                    int first = columns[0].Position;
                    CheckMultiColumnConflicts(multi, columns, eqColumns, slice);
                    switch (multi.Operator)
                    {
                        case RelationOperator.Eq:
                        {
                            var terms = TupleTerms(multi.Value, columns, table, bindings, tupleSpec, out var whole);
                            var indexedColumns = columns.Select(c => SecondaryIndexRules.Supporting(table, c, RelationOperator.Eq) is not null).ToArray();
                            clusteringParts[first] = (new ClusteringPart(columns.Count, (o, s) => [CheckIndexExpressions(indexedColumns, BindTuple(terms, whole, o, s, tupleName, columns))]), columns[0].Name, null);
                            multiEqFilters[first] = [.. columns.Select((c, i) => new FilterExpression(c, RelationOperator.Eq, IndexExpressionValue(table, c,
                                whole is null ? terms[i] : new ComputedTerm([whole], (v, _) => v[0] is null || QueryOptions.IsUnset(v[0]) ? v[0] : TupleType.SplitValue(v[0]!)[i]))))];
                            break;
                        }
                        case RelationOperator.In:
                        {
                            var part = MultiIn(multi, columns, table, tupleType, tupleName, bindings);
                            clusteringParts[first] = (part, columns[0].Name, null);
                            break;
                        }
                        case RelationOperator.Lt or RelationOperator.Lte or RelationOperator.Gt or RelationOperator.Gte:
                        {
                            var terms = TupleTerms(multi.Value, columns, table, bindings, tupleSpec, out var whole);
                            if (whole is not null)
                                terms = [.. Enumerable.Range(0, columns.Count).Select(i => (Term)new ComputedTerm([whole], (v, _) => v[0] is null || QueryOptions.IsUnset(v[0]) ? v[0] : TupleType.SplitValue(v[0]!)[i]))];
                            if (slice is not null && slice.FirstColumn != first)
                            {
                                // With filtering, Cassandra gets as far as turning the slice into a row filter, which it refuses.
                                if ((allowFiltering || indexed) && kind == WhereClauseKind.Select)
                                    throw new InvalidRequestException(MultiColumnSliceFiltering);
                                throw SliceConflict(table, slice, first, columns.Count);
                            }
                            slice ??= new ClusteringSlice(first, null, null, tupleName) { ElementNames = [.. columns.Select(c => c.Name)] };
                            AddBound(slice, new SliceBound(terms, multi.Operator is RelationOperator.Lte or RelationOperator.Gte), multi.Operator is RelationOperator.Gt or RelationOperator.Gte, columns[0].Name);
                            break;
                        }
                        default:
                            throw new InvalidRequestException($"Unsupported operator {multi.Operator.ToCql()} in multi-column relation");
                    }
                    break;
                }
                default:
                    throw new InvalidRequestException($"{relation.ToCql()} restrictions are not supported");
            }
        }

        // Partition key: all of it, or none of it (token ranges and filtering aside).
        int restrictedPk = pk.Count(v => v is not null);
        if (restrictedPk > 0 && restrictedPk < pk.Length)
        {
            if (kind != WhereClauseKind.Select)
                throw new InvalidRequestException("Some partition key parts are missing: " + string.Join(", ", table.PartitionKeyColumns.Where(c => pk[c.Position] is null).Select(c => c.Name)));
            if (!allowFiltering && !indexed)
                throw new InvalidRequestException(RequiresAllowFiltering);
            // Filtering on part of the partition key: every restricted part becomes a row filter.
            for (int i = 0; i < pk.Length; i++)
            {
                if (pk[i] is null) continue;
                var column = table.PartitionKeyColumns[i];
                filters.Add(new FilterExpression(column, RelationOperator.In, ConstantTerm.Null) { Set = pk[i] });
                pk[i] = null;
            }
        }
        if (kind != WhereClauseKind.Select && restrictedPk == 0)
            throw new InvalidRequestException("Some partition key parts are missing: " + string.Join(", ", table.PartitionKeyColumns.Select(c => c.Name)));

        // Clustering: a contiguous prefix of EQ/IN, then at most one slice. With ALLOW FILTERING, what cannot
        // select slices (a gap, or restrictions after a slice) is checked on each row instead.
        bool filtering = (allowFiltering || indexed) && kind == WhereClauseKind.Select;
        var prefix = new List<ClusteringPart>();
        int expected = 0;
        bool broken = false, gapBeforeSlice = false;
        foreach (var (position, (part, name, values)) in clusteringParts)
        {
            bool afterSlice = slice is not null && slice.FirstColumn < position;
            if (!broken && !afterSlice && position == expected)
            {
                prefix.Add(part);
                expected += part.ColumnCount;
                continue;
            }
            if (filtering && values is not null)
            {
                filters.Add(new FilterExpression(table.ClusteringColumns[position], RelationOperator.In, ConstantTerm.Null) { Set = values });
                broken = true;
                gapBeforeSlice |= !afterSlice;
                continue;
            }
            if (filtering && multiEqFilters.TryGetValue(position, out var perColumn))
            {
                filters.AddRange(perColumn);
                broken = true;
                gapBeforeSlice |= !afterSlice;
                continue;
            }
            if (afterSlice)
                throw new InvalidRequestException($"Clustering column \"{name}\" cannot be restricted (preceding column \"{table.ClusteringColumns[slice!.FirstColumn].Name}\" is restricted by a non-EQ relation)");
            if (filtering)
                throw new InvalidRequestException($"Filtering on a multi-column relation over \"{name}\" is not supported by Sibyl yet");
            throw new InvalidRequestException($"PRIMARY KEY column \"{name}\" cannot be restricted as preceding column \"{table.ClusteringColumns[expected].Name}\" is not restricted");
        }
        // Restrictions after the slice that became filters leave the slice itself usable.
        if (slice is not null && (gapBeforeSlice || slice.FirstColumn != expected))
        {
            if (!filtering)
                throw new InvalidRequestException($"PRIMARY KEY column \"{table.ClusteringColumns[slice.FirstColumn].Name}\" cannot be restricted as preceding column \"{table.ClusteringColumns[expected].Name}\" is not restricted");
            if (slice.Lower is { Terms.Count: > 1 } || slice.Upper is { Terms.Count: > 1 })
                throw new InvalidRequestException(MultiColumnSliceFiltering);
            var column = table.ClusteringColumns[slice.FirstColumn];
            if (slice.Lower is { } lower)
                filters.Add(new FilterExpression(column, lower.Inclusive ? RelationOperator.Gte : RelationOperator.Gt, lower.Terms[0]));
            if (slice.Upper is { } upper)
                filters.Add(new FilterExpression(column, upper.Inclusive ? RelationOperator.Lte : RelationOperator.Lt, upper.Terms[0]));
            slice = null;
        }

        var clause = new WhereClause(table, pk, tokenStart, tokenEnd, prefix, slice, filters);
        if (indexed)
        {
            clause.Index = SecondaryIndexRules.Choose(table, clause, ClusteringEqs(table, clusteringParts));
            if (clause.Index is not null && !allowFiltering && SecondaryIndexRules.NeedsFiltering(table, clause, clause.Index))
                throw new InvalidRequestException(RequiresAllowFiltering);
        }
        if (kind == WhereClauseKind.Select && !allowFiltering && clause.Index is null)
        {
            foreach (var filter in filters)
            {
                // Cassandra's ClusteringColumnRestrictions: CONTAINS on a clustering column needs an index or filtering.
                if (filter.Column.Kind != ColumnKind.Clustering || filter.Operator is not (RelationOperator.Contains or RelationOperator.ContainsKey)) continue;
                if (slice is not null && slice.FirstColumn < filter.Column.Position)
                    throw new InvalidRequestException($"Clustering column \"{filter.Column.Name}\" cannot be restricted (preceding column \"{table.ClusteringColumns[slice.FirstColumn].Name}\" is restricted by a non-EQ relation)");
                throw new InvalidRequestException("Clustering columns can only be restricted with CONTAINS with a secondary index or filtering");
            }
            if (filters.Count > 0)
                throw new InvalidRequestException(RequiresAllowFiltering);
            if (clause.IsKeyRange && clause.HasClusteringRestrictions)
                throw new InvalidRequestException(RequiresAllowFiltering);
        }
        // With every partition key column named, token() filters the named keys (Cassandra's TokenFilter).
        if (clause.HasTokenRestriction && restrictedPk > 0 && !clause.HasAllPartitionKeyValues)
            throw new InvalidRequestException("Columns \"" + string.Join(", ", table.PartitionKeyColumns.Select(c => c.Name)) + "\" cannot be restricted by both a normal relation and a token relation");
        return clause;
    }

    /// <summary>The clustering columns restricted by a single-column EQ, with their values (index candidates).</summary>
    private static List<(ColumnMetadata Column, Term Value)> ClusteringEqs(TableMetadata table, SortedDictionary<int, (ClusteringPart Part, string Column, ValueSet? Values)> parts) =>
        [.. parts.Where(p => p.Value.Values is EqValue).Select(p => (table.ClusteringColumns[p.Key], ((EqValue)p.Value.Values!).Term))];

    /// <summary>Durations have no order, so Cassandra refuses slices on them and on values containing them.</summary>
    private static void RefuseDurationSlice(CqlType type)
    {
        if (type.Kind == CqlTypeKind.Duration)
            throw new InvalidRequestException("Slice restrictions are not supported on duration columns");
        if (ReferencesDuration(type))
        {
            string what = type switch { UserType => "UDTs", TupleType => "tuples", _ => "collections" };
            throw new InvalidRequestException($"Slice restrictions are not supported on {what} containing durations");
        }
    }

    private static bool ReferencesDuration(CqlType type) => type switch
    {
        { Kind: CqlTypeKind.Duration } => true,
        ListType l => ReferencesDuration(l.Element),
        SetType s => ReferencesDuration(s.Element),
        MapType m => ReferencesDuration(m.Key) || ReferencesDuration(m.Value),
        TupleType t => t.Types.Any(ReferencesDuration),
        _ => false,
    };

    /// <summary>Cassandra merges slices sharing a column; it refuses two that do not start on the same one.</summary>
    /// <summary>
    /// A multi-column relation may not restrict a column another relation already restricts with an equality
    /// (Cassandra's MultiColumnRestriction.mergeWith), nor give an equality to a column under a slice.
    /// </summary>
    private static void CheckMultiColumnConflicts(MultiColumnRelation multi, List<ColumnMetadata> columns, HashSet<string> eqColumns, ClusteringSlice? slice)
    {
        bool equality = multi.Operator is RelationOperator.Eq or RelationOperator.In;
        foreach (var column in columns)
        {
            if (equality && !eqColumns.Add(column.Name))
                throw new InvalidRequestException($"{string.Join(", ", columns.Select(c => c.Name))} cannot be restricted by more than one relation if it includes {(multi.Operator == RelationOperator.In ? "a IN" : "an Equal")}");
            if (!equality && eqColumns.Contains(column.Name) || equality && slice?.FirstColumn == column.Position)
                throw new InvalidRequestException($"Column \"{column.Name}\" cannot be restricted by both an equality and an inequality relation");
        }
    }

    /// <summary>
    /// A filtered value of an indexed column becomes an index expression in Cassandra's row filter, which refuses
    /// values past 64K (RowFilter.Expression.validateForIndexing).
    /// </summary>
    private static Term IndexExpressionValue(TableMetadata table, ColumnMetadata column, Term value) =>
        SecondaryIndexRules.Supporting(table, column, RelationOperator.Eq) is null ? value : new ComputedTerm([value], (v, _) =>
            SecondaryIndexRules.CheckExpressionValue(v[0]));

    private static byte[][] CheckIndexExpressions(bool[] indexed, byte[][] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (indexed[i]) SecondaryIndexRules.CheckExpressionValue(values[i]);
        return values;
    }

    /// <summary>Cassandra's MultiColumnRestriction.SliceRestriction cannot become a row filter.</summary>
    private const string MultiColumnSliceFiltering = "Multi-column slice restrictions cannot be used for filtering.";

    private static InvalidRequestException TwoInequalities(string column) =>
        new($"Column \"{column}\" cannot be restricted by two inequalities not starting with the same column");

    /// <summary>
    /// A second slice starting at another column (Cassandra's ClusteringColumnRestrictions.addRestriction): slices
    /// sharing a column cannot merge; otherwise the later-starting one is refused for following a non-EQ relation.
    /// </summary>
    private static InvalidRequestException SliceConflict(TableMetadata table, ClusteringSlice existing, int first, int width)
    {
        int existingEnd = existing.FirstColumn + SliceWidth(existing);
        int overlapStart = Math.Max(existing.FirstColumn, first);
        if (overlapStart < Math.Min(existingEnd, first + width))
            return TwoInequalities(table.ClusteringColumns[overlapStart].Name);
        if (existing.FirstColumn < first)
            return new InvalidRequestException($"Clustering column \"{table.ClusteringColumns[first].Name}\" cannot be restricted (preceding column \"{table.ClusteringColumns[existing.FirstColumn].Name}\" is restricted by a non-EQ relation)");
        return new InvalidRequestException($"PRIMARY KEY column \"{table.ClusteringColumns[first + 1].Name}\" cannot be restricted (preceding column \"{table.ClusteringColumns[first].Name}\" is restricted by a non-EQ relation)");
    }

    private static int SliceWidth(ClusteringSlice slice) => Math.Max(slice.Lower?.Terms.Count ?? 1, slice.Upper?.Terms.Count ?? 1);

    private static void AddBound(ClusteringSlice slice, SliceBound bound, bool isLower, string column)
    {
        if (isLower)
        {
            if (slice.Lower is not null) throw new InvalidRequestException($"More than one restriction was found for the start bound on {column}");
            slice.Lower = bound;
        }
        else
        {
            if (slice.Upper is not null) throw new InvalidRequestException($"More than one restriction was found for the end bound on {column}");
            slice.Upper = bound;
        }
    }

    private static ValueSet ValuesFor(SingleColumnRelation relation, ColumnSpecification spec, BindVariables bindings)
    {
        if (relation.Operator == RelationOperator.Eq)
            return new EqValue(TermPreparer.Prepare(relation.Value, spec, bindings));
        if (relation.Value is RawTermList list)
            return new InValues([.. list.Elements.Select(e => TermPreparer.Prepare(e, spec, bindings))], spec.Type);
        var listSpec = spec with { Name = "in(" + spec.Name + ")", Type = new ListType(spec.Type, false) };
        return new InMarker(TermPreparer.Prepare(relation.Value, listSpec, bindings), spec.Type);
    }

    private static FilterExpression FilterFor(SingleColumnRelation relation, ColumnMetadata column, ColumnSpecification spec, BindVariables bindings)
    {
        if (relation.Operator == RelationOperator.In)
            return new FilterExpression(column, RelationOperator.In, ConstantTerm.Null) { Set = ValuesFor(relation, spec, bindings) };
        var valueSpec = relation.Operator switch
        {
            RelationOperator.Contains => spec with { Name = "value(" + spec.Name + ")", Type = ElementType(column.Type) },
            RelationOperator.ContainsKey => spec with { Name = "key(" + spec.Name + ")", Type = ((MapType)column.Type).Key },
            _ => spec,
        };
        return new FilterExpression(column, relation.Operator, TermPreparer.Prepare(relation.Value, valueSpec, bindings));
    }

    private static CqlType ElementType(CqlType type) => type switch
    {
        ListType l => l.Element,
        SetType s => s.Element,
        MapType m => m.Value,
        _ => type,
    };

    private static void ValidateTokenColumns(TableMetadata table, IReadOnlyList<string> columns)
    {
        // Cassandra's TokenRestriction checks, in its order: duplicates, then all (and only) the partition key, then order.
        var pkNames = table.PartitionKeyColumns.Select(c => c.Name).ToList();
        bool onlyPartitionKey = true;
        foreach (var name in columns)
        {
            var column = table.GetColumn(name) ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(name)} in table {table.QualifiedName}");
            onlyPartitionKey &= column.Kind == ColumnKind.PartitionKey;
        }
        if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
            throw new InvalidRequestException("The token() function contains duplicate partition key components");
        if (!onlyPartitionKey || columns.Count != pkNames.Count)
            throw new InvalidRequestException("The token() function must be applied to all partition key components or none of them");
        if (!columns.SequenceEqual(pkNames))
            throw new InvalidRequestException("The token function arguments must be in the partition key order: " + string.Join(", ", pkNames));
    }

    private static List<Term> TupleTerms(RawTerm value, List<ColumnMetadata> columns, TableMetadata table, BindVariables bindings, ColumnSpecification tupleSpec, out Term? whole)
    {
        whole = null;
        if (value is RawTupleLiteral tuple)
        {
            if (tuple.Elements.Count != columns.Count)
                throw new InvalidRequestException($"Expected {columns.Count} elements in value tuple, but got {tuple.Elements.Count}: {tuple.ToCql()}");
            return [.. tuple.Elements.Select((e, i) => TermPreparer.Prepare(e, new ColumnSpecification(table.Keyspace, table.Name, columns[i].Name, columns[i].Type), bindings))];
        }
        whole = TermPreparer.Prepare(value, tupleSpec, bindings);
        return [];
    }

    private static byte[][] BindTuple(List<Term> terms, Term? whole, QueryOptions options, QueryState state, string name, List<ColumnMetadata> columns)
    {
        if (whole is not null)
        {
            var v = whole.Bind(options, state);
            if (v is null) throw new InvalidRequestException($"Invalid null value in condition for columns {name}");
            if (QueryOptions.IsUnset(v)) throw new InvalidRequestException($"Invalid unset value for tuple {name}");
            return [.. TupleType.SplitValue(v).Select(e => e ?? throw new InvalidRequestException($"Invalid null value in condition for columns {name}"))];
        }
        var values = new byte[terms.Count][];
        for (int i = 0; i < terms.Count; i++)
        {
            var v = terms[i].Bind(options, state);
            // Cassandra's MultiColumnRestriction names the column of the offending element.
            if (v is null) throw new InvalidRequestException($"Invalid null value in condition for column {columns[i].Name}");
            if (QueryOptions.IsUnset(v)) throw new InvalidRequestException($"Invalid unset value for column {columns[i].Name}");
            values[i] = v;
        }
        return values;
    }

    private static ClusteringPart MultiIn(MultiColumnRelation multi, List<ColumnMetadata> columns, TableMetadata table, TupleType tupleType, string tupleName, BindVariables bindings)
    {
        var tupleSpec = new ColumnSpecification(table.Keyspace, table.Name, tupleName, tupleType);
        if (multi.Value is RawTermList list)
        {
            var tuples = list.Elements.Select(e =>
            {
                var terms = TupleTerms(e, columns, table, bindings, tupleSpec, out var whole);
                return (terms, whole);
            }).ToList();
            return new ClusteringPart(columns.Count, (o, s) => Distinct(tuples.Select(t => BindTuple(t.terms, t.whole, o, s, tupleName, columns)).ToList(), table, columns[0].Position));
        }
        var listSpec = tupleSpec with { Name = "in(" + tupleName + ")", Type = new ListType(tupleType, false) };
        var marker = TermPreparer.Prepare(multi.Value, listSpec, bindings);
        return new ClusteringPart(columns.Count, (o, s) =>
        {
            var v = marker.Bind(o, s) ?? throw new InvalidRequestException($"Invalid null value in condition for columns {tupleName}");
            if (QueryOptions.IsUnset(v)) throw new InvalidRequestException($"Invalid unset value for tuple {tupleName}");
            return Distinct([.. CollectionSerializer.ReadElements(v).Select(e => TupleType.SplitValue(e!).Select(x => x!).ToArray())], table, columns[0].Position);
        });
    }

    private static List<byte[][]> Distinct(List<byte[][]> tuples, TableMetadata table, int firstPosition)
    {
        var comparator = table.Comparator;
        var pad = new byte[firstPosition][];
        for (int i = 0; i < firstPosition; i++) pad[i] = [];
        tuples.Sort((a, b) => comparator.ComparePrefixes([.. pad, .. a], [.. pad, .. b]));
        var result = new List<byte[][]>();
        foreach (var t in tuples)
            if (result.Count == 0 || comparator.ComparePrefixes([.. pad, .. result[^1]], [.. pad, .. t]) != 0) result.Add(t);
        return result;
    }
}
