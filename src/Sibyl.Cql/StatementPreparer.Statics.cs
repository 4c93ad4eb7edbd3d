using Sibyl.Common.Errors;
using Sibyl.Cql.Restrictions;
using Sibyl.Cql.Statements;
using Sibyl.Cql.Syntax;
using Sibyl.Schema;

namespace Sibyl.Cql;

/// <summary>
/// Cassandra's rules for UPDATE and DELETE on static columns and for conditional DELETEs that do not name one row
/// (StatementRestrictions and DeleteStatement.Parsed.prepare), checked while preparing, before the row targets.
/// </summary>
public static partial class StatementPreparer
{
    private static void CheckStaticColumnRules(TableMetadata table, WhereClause where, IReadOnlyList<RawRelation> relations,
        List<ColumnOperation> operations, IReadOnlyList<RawColumnCondition> conditions, bool ifExists, string verb)
    {
        bool isDelete = verb == "DELETE";
        if (ifExists || conditions.Count > 0) CheckNoInWithConditions(table, relations, isDelete ? "deletions" : "updates");
        // A DELETE without columns deletes whole rows: it applies to regular columns (Cassandra's Operations).
        bool opsOnRegular = operations.Any(o => !o.Column.IsStatic) || (isDelete && operations.Count == 0);
        bool opsOnStatic = operations.Any(o => o.Column.IsStatic);
        bool conditionsOnRegular = conditions.Any(c => table.GetColumn(c.Column) is not { IsStatic: true });
        bool conditionsOnStatic = conditions.Any(c => table.GetColumn(c.Column) is { IsStatic: true });
        bool onlyStatic = !opsOnRegular && !conditionsOnRegular && (opsOnStatic || conditionsOnStatic);

        if (onlyStatic && where.HasClusteringRestrictions && !(verb == "UPDATE" && where.HasClusteringSlice))
            throw new InvalidRequestException($"Invalid restrictions on clustering columns since the {verb} statement modifies only static columns");

        // Static writes with a condition on a regular column still need the row the condition reads.
        if (!isDelete && !onlyStatic && !opsOnRegular && !where.HasClusteringSlice && where.ClusteringPrefixSize < table.ClusteringColumns.Length)
            throw new InvalidRequestException("Some clustering keys are missing: " + string.Join(", ", table.ClusteringColumns.Skip(where.ClusteringPrefixSize).Select(c => c.Name)));

        bool conditional = ifExists || conditions.Count > 0;
        if (!isDelete || !conditional) return;
        bool allPrimaryKeyByEqualities = where.HasAllPartitionKeyValues && !where.HasTokenRestriction
            && where.ClusteringPrefixSize == table.ClusteringColumns.Length && !where.HasClusteringSlice;
        if (allPrimaryKeyByEqualities) return;
        if (opsOnRegular)
            throw new InvalidRequestException("DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to delete non static columns");
        if (conditionsOnRegular)
            throw new InvalidRequestException("DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to use IF condition on non static columns");
    }

    /// <summary>Cassandra's validateWhereClauseForConditions: a lightweight transaction names one partition and one row.</summary>
    private static void CheckNoInWithConditions(TableMetadata table, IReadOnlyList<RawRelation> relations, string what)
    {
        foreach (var relation in relations)
        {
            if (relation is SingleColumnRelation { Operator: RelationOperator.In } single && table.GetColumn(single.Column) is { Kind: ColumnKind.PartitionKey })
                throw new InvalidRequestException($"IN on the partition key is not supported with conditional {what}");
        }
        foreach (var relation in relations)
        {
            bool clusteringIn = relation switch
            {
                SingleColumnRelation { Operator: RelationOperator.In } single => table.GetColumn(single.Column) is { Kind: ColumnKind.Clustering },
                MultiColumnRelation { Operator: RelationOperator.In } => true,
                _ => false,
            };
            if (clusteringIn) throw new InvalidRequestException($"IN on the clustering key columns is not supported with conditional {what}");
        }
    }
}
