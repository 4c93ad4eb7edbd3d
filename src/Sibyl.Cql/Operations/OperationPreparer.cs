using Sibyl.Common.Errors;
using Sibyl.Cql.Statements;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Operations;

/// <summary>
/// Prepares UPDATE's collection and UDT operations and DELETE's element and field deletions with Cassandra's
/// checks and messages (Operation.RawUpdate / RawDeletion and their receivers idx(c), key(c), value(c)).
/// </summary>
internal static class OperationPreparer
{
    /// <summary>Whether <see cref="PrepareUpdate"/> handles this operation (everything but plain and counter <c>c = v</c>).</summary>
    public static bool Handles(ColumnMetadata column, RawUpdateOperation op) =>
        !column.Type.IsCounter && (op.Kind != UpdateOperationKind.SetValue || column.Type.IsMultiCell);

    public static ColumnOperation PrepareUpdate(TableMetadata table, ColumnMetadata column, RawUpdateOperation op, BindVariables bindings)
    {
        var type = column.Type;
        var spec = new ColumnSpecification(table.Keyspace, table.Name, column.Name, type);
        string text = op.ToCql();
        switch (op.Kind)
        {
            case UpdateOperationKind.SetValue:
                return new ColumnOperation(column, TermPreparer.Prepare(op.Value, spec, bindings));
            case UpdateOperationKind.SetElement:
                if (type is not CollectionType collection)
                    throw new InvalidRequestException($"Invalid operation ({text}) for non collection column {column.Name}");
                if (!type.IsMultiCell)
                    throw new InvalidRequestException($"Invalid operation ({text}) for frozen collection column {column.Name}");
                if (collection is SetType)
                    throw new InvalidRequestException($"Invalid operation ({text}) for set column {column.Name}");
                return new ColumnOperation(column, TermPreparer.Prepare(op.Value, ValueSpec(spec, collection), bindings))
                {
                    Kind = OperationKind.SetElement,
                    Element = TermPreparer.Prepare(op.Element!, ElementSpec(spec, collection), bindings),
                };
            case UpdateOperationKind.SetField:
            {
                var udt = (UserType)type; // checked by the caller (CheckUserTypeField)
                int field = udt.FieldIndex(op.Field!);
                var fieldSpec = spec with { Name = column.Name + "." + op.Field, Type = udt.FieldTypes[field] };
                return new ColumnOperation(column, TermPreparer.Prepare(op.Value, fieldSpec, bindings)) { Kind = OperationKind.SetField, Field = field };
            }
            case UpdateOperationKind.Addition:
                if (type is not CollectionType)
                    throw new InvalidRequestException($"Invalid operation ({text}) for non counter column {column.Name}");
                if (!type.IsMultiCell)
                    throw new InvalidRequestException($"Invalid operation ({text}) for frozen collection column {column.Name}");
                if (type is MapType)
                {
                    try
                    {
                        return new ColumnOperation(column, TermPreparer.Prepare(op.Value, spec, bindings)) { Kind = OperationKind.Add };
                    }
                    catch (InvalidRequestException)
                    {
                        throw new InvalidRequestException($"Value for a map addition has to be a map, but was: '{op.Value.ToCql()}'");
                    }
                }
                return new ColumnOperation(column, TermPreparer.Prepare(op.Value, spec, bindings)) { Kind = OperationKind.Add };
            case UpdateOperationKind.Subtraction:
                if (type is not CollectionType)
                    throw new InvalidRequestException($"Invalid operation ({text}) for non counter column {column.Name}");
                if (!type.IsMultiCell)
                    throw new InvalidRequestException($"Invalid operation ({text}) for frozen collection column {column.Name}");
                if (type is MapType map)
                {
                    // The value of a map subtraction is the set of keys to remove.
                    try
                    {
                        var keys = spec with { Type = new SetType(map.Key, false) };
                        return new ColumnOperation(column, TermPreparer.Prepare(op.Value, keys, bindings)) { Kind = OperationKind.Remove };
                    }
                    catch (InvalidRequestException)
                    {
                        throw new InvalidRequestException($"Value for a map substraction has to be a set, but was: '{op.Value.ToCql()}'");
                    }
                }
                return new ColumnOperation(column, TermPreparer.Prepare(op.Value, spec, bindings)) { Kind = OperationKind.Remove };
            default: // Prepend
            {
                var value = TermPreparer.Prepare(op.Value, spec, bindings);
                if (type is not ListType)
                    throw new InvalidRequestException($"Invalid operation ({text}) for non list column {column.Name}");
                if (!type.IsMultiCell)
                    throw new InvalidRequestException($"Invalid operation ({text}) for frozen list column {column.Name}");
                return new ColumnOperation(column, value) { Kind = OperationKind.Prepend };
            }
        }
    }

    /// <summary>DELETE c[e] and DELETE u.f (the field already checked by the caller).</summary>
    public static ColumnOperation PrepareDeletion(TableMetadata table, ColumnMetadata column, RawDeletion deletion, BindVariables bindings)
    {
        var spec = new ColumnSpecification(table.Keyspace, table.Name, column.Name, column.Type);
        if (deletion.Field is not null)
            return new ColumnOperation(column, null) { Kind = OperationKind.DeleteField, Field = ((UserType)column.Type).FieldIndex(deletion.Field) };
        if (column.Type is not CollectionType collection)
            throw new InvalidRequestException($"Invalid deletion operation for non collection column {column.Name}");
        if (!collection.IsMultiCell)
            throw new InvalidRequestException($"Invalid deletion operation for frozen collection column {column.Name}");
        var elementSpec = collection is SetType set ? spec with { Name = "value(" + column.Name + ")", Type = set.Element } : ElementSpec(spec, collection);
        return new ColumnOperation(column, null) { Kind = OperationKind.DeleteElement, Element = TermPreparer.Prepare(deletion.Element!, elementSpec, bindings) };
    }

    /// <summary>The receiver of a list index (idx(c), int) or a map key (key(c)).</summary>
    private static ColumnSpecification ElementSpec(ColumnSpecification spec, CollectionType collection) => collection switch
    {
        ListType => spec with { Name = "idx(" + spec.Name + ")", Type = CqlType.Int },
        MapType map => spec with { Name = "key(" + spec.Name + ")", Type = map.Key },
        _ => throw new InvalidOperationException("no element receiver for " + collection.CqlName),
    };

    private static ColumnSpecification ValueSpec(ColumnSpecification spec, CollectionType collection) => collection switch
    {
        ListType list => spec with { Name = "value(" + spec.Name + ")", Type = list.Element },
        MapType map => spec with { Name = "value(" + spec.Name + ")", Type = map.Value },
        _ => throw new InvalidOperationException("no element value for " + collection.CqlName),
    };
}
