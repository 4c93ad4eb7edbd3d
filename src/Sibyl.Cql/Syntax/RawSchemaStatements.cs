namespace Sibyl.Cql.Syntax;

// Parsed schema (DDL) statements.

public sealed record RawCreateKeyspaceStatement(string Keyspace, bool IfNotExists, ValueList<RawProperty> Properties) : RawStatement;

public sealed record RawAlterKeyspaceStatement(string Keyspace, bool IfExists, ValueList<RawProperty> Properties) : RawStatement;

public sealed record RawDropKeyspaceStatement(string Keyspace, bool IfExists) : RawStatement;

/// <summary>A column of CREATE TABLE / ALTER TABLE ADD; Mask is the 5.0 dynamic data masking clause, if any.</summary>
public sealed record RawColumnDefinition(string Name, RawType Type, bool IsStatic, RawColumnMask? Mask = null);

/// <summary><c>MASKED WITH fn(args)</c>; <c>MASKED WITH DEFAULT</c> is the native function mask_default without arguments.</summary>
public sealed record RawColumnMask(FunctionName Function, ValueList<RawTerm> Arguments)
{
    public static readonly RawColumnMask Default = new(new FunctionName(null, "mask_default"), ValueList<RawTerm>.Empty);

    public string ToCql() => "MASKED WITH " + RawFunctionCall.PrintName(Function) + "(" + CqlNames.Join(Arguments, a => a.ToCql()) + ")";

    public override string ToString() => ToCql();
}

public sealed record RawClusteringOrder(string Column, bool Ascending);

/// <summary>
/// CREATE TABLE. PartitionKey is empty when no PRIMARY KEY was given; PrimaryKeyDeclarations counts the PRIMARY KEY
/// clauses seen so that preparation can refuse more than one, as Cassandra does.
/// </summary>
public sealed record RawCreateTableStatement(
    QualifiedName Table,
    bool IfNotExists,
    ValueList<RawColumnDefinition> Columns,
    ValueList<string> PartitionKey,
    ValueList<string> ClusteringColumns,
    int PrimaryKeyDeclarations,
    ValueList<RawClusteringOrder> ClusteringOrder,
    bool CompactStorage,
    ValueList<RawProperty> Properties) : RawStatement;

public enum AlterTableKind
{
    AlterColumnType,
    AddColumns,
    DropColumns,
    RenameColumns,
    DropCompactStorage,
    WithProperties,

    /// <summary><c>ALTER [IF EXISTS] c MASKED WITH ...</c> (NewMask set) or <c>ALTER c DROP MASKED</c> (NewMask null).</summary>
    AlterColumnMask,
}

public sealed record RawRename(string From, string To);

/// <summary>
/// ALTER TABLE in all its forms; which members are filled depends on <see cref="Kind"/>. IfColumnExists covers
/// <c>DROP IF EXISTS</c> / <c>RENAME IF EXISTS</c>, IfColumnNotExists <c>ADD IF NOT EXISTS</c>.
/// </summary>
public sealed record RawAlterTableStatement(
    QualifiedName Table,
    bool IfExists,
    AlterTableKind Kind,
    ValueList<RawColumnDefinition> AddedColumns,
    ValueList<string> DroppedColumns,
    long? DropTimestamp,
    ValueList<RawRename> Renames,
    string? AlteredColumn,
    RawType? NewType,
    ValueList<RawProperty> Properties,
    bool IfColumnExists,
    bool IfColumnNotExists,
    RawColumnMask? NewMask = null) : RawStatement;

public sealed record RawDropTableStatement(QualifiedName Table, bool IfExists) : RawStatement;

public sealed record RawFieldDefinition(string Name, RawType Type);

public sealed record RawCreateTypeStatement(QualifiedName Type, bool IfNotExists, ValueList<RawFieldDefinition> Fields) : RawStatement;

public enum AlterTypeKind
{
    AlterFieldType,
    AddField,
    RenameFields,
}

public sealed record RawAlterTypeStatement(
    QualifiedName Type,
    bool IfExists,
    AlterTypeKind Kind,
    RawFieldDefinition? Field,
    ValueList<RawRename> Renames,
    bool IfFieldExists,
    bool IfFieldNotExists) : RawStatement;

public sealed record RawDropTypeStatement(QualifiedName Type, bool IfExists) : RawStatement;

public enum IndexTargetKind
{
    Simple,
    Keys,
    Values,
    Entries,
    Full,
}

public sealed record RawIndexTarget(string Column, IndexTargetKind Kind);

/// <summary>CREATE [CUSTOM] INDEX. Name is null when not given; Index.Keyspace is never set by the grammar.</summary>
public sealed record RawCreateIndexStatement(
    QualifiedName Table,
    string? Name,
    ValueList<RawIndexTarget> Targets,
    bool IsCustom,
    string? CustomClass,
    ValueList<RawProperty> Properties,
    bool IfNotExists) : RawStatement;

public sealed record RawDropIndexStatement(QualifiedName Index, bool IfExists) : RawStatement;

public sealed record RawCreateViewStatement(
    QualifiedName View,
    bool IfNotExists,
    QualifiedName BaseTable,
    ValueList<RawSelector> Selectors,
    ValueList<RawRelation> Where,
    ValueList<string> PartitionKey,
    ValueList<string> ClusteringColumns,
    ValueList<RawClusteringOrder> ClusteringOrder,
    ValueList<RawProperty> Properties) : RawStatement
{
    /// <summary>The WHERE clause printed back as CQL, as system_schema.views.where_clause stores it.</summary>
    public string WhereClauseCql => CqlNames.Join(Where, r => r.ToCql(), " AND ");
}

public sealed record RawAlterViewStatement(QualifiedName View, bool IfExists, ValueList<RawProperty> Properties) : RawStatement;

public sealed record RawDropViewStatement(QualifiedName View, bool IfExists) : RawStatement;

public sealed record RawCreateTriggerStatement(QualifiedName Table, string Name, string TriggerClass, bool IfNotExists) : RawStatement;

public sealed record RawDropTriggerStatement(QualifiedName Table, string Name, bool IfExists) : RawStatement;

public sealed record RawFunctionArgument(string Name, RawType Type);

/// <summary>CREATE FUNCTION; the body is kept as text (Language is lower-cased).</summary>
public sealed record RawCreateFunctionStatement(
    FunctionName Name,
    bool OrReplace,
    bool IfNotExists,
    ValueList<RawFunctionArgument> Arguments,
    RawType ReturnType,
    bool CalledOnNullInput,
    string Language,
    string Body) : RawStatement;

/// <summary>DROP FUNCTION; ArgumentTypes is null when no signature was given.</summary>
public sealed record RawDropFunctionStatement(FunctionName Name, ValueList<RawType>? ArgumentTypes, bool IfExists) : RawStatement;

public sealed record RawCreateAggregateStatement(
    FunctionName Name,
    bool OrReplace,
    bool IfNotExists,
    ValueList<RawType> ArgumentTypes,
    string StateFunction,
    RawType StateType,
    string? FinalFunction,
    RawTerm? InitialCondition) : RawStatement;

public sealed record RawDropAggregateStatement(FunctionName Name, ValueList<RawType>? ArgumentTypes, bool IfExists) : RawStatement;
