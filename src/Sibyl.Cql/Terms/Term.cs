using Sibyl.Common;

namespace Sibyl.Cql.Terms;

/// <summary>
/// A prepared value expression: a constant, a bind marker, or a composite that is serialized when the
/// statement executes. <see cref="Bind"/> returns the serialized value, null for CQL null, or
/// <see cref="QueryOptions.Unset"/>.
/// </summary>
public abstract class Term
{
    public abstract byte[]? Bind(QueryOptions options, QueryState state);

    /// <summary>True when the value does not depend on bound variables or the request (cacheable).</summary>
    public virtual bool IsConstant => false;
}

/// <summary>A value known at preparation time.</summary>
public sealed class ConstantTerm(byte[]? value) : Term
{
    public static readonly ConstantTerm Null = new(null);

    public byte[]? Value { get; } = value;

    public override byte[]? Bind(QueryOptions options, QueryState state) => Value;

    public override bool IsConstant => true;
}

/// <summary>A <c>?</c> or <c>:name</c> marker: the value the client bound at its index, validated against the receiver type.</summary>
public sealed class BindMarkerTerm(int index, ColumnSpecification receiver) : Term
{
    public int Index { get; } = index;
    public ColumnSpecification Receiver { get; } = receiver;

    public override byte[]? Bind(QueryOptions options, QueryState state)
    {
        if (Index >= options.Values.Count)
            throw new Common.Errors.InvalidRequestException($"There were {options.Values.Count} markers(?) in CQL but {Index + 1} bound variables");
        var value = options.Values[Index];
        if (value is null || QueryOptions.IsUnset(value)) return value;
        try
        {
            Receiver.Type.Validate(value);
            // Drivers may send set elements and map keys in any order, at any depth; stored values are sorted and unique.
            return ValueNormalizer.Normalize(Receiver.Type, value);
        }
        catch (Data.Types.MarshalException e)
        {
            throw new Common.Errors.InvalidRequestException($"Exception while binding column {Receiver.Name}: {e.Message}");
        }
    }
}

/// <summary>A term computed from other terms when bound (collection and tuple literals holding markers, functions).</summary>
public sealed class ComputedTerm(IReadOnlyList<Term> arguments, Func<byte[]?[], QueryState, byte[]?> compute) : Term
{
    public override byte[]? Bind(QueryOptions options, QueryState state)
    {
        var values = new byte[]?[arguments.Count];
        for (int i = 0; i < values.Length; i++) values[i] = arguments[i].Bind(options, state);
        return compute(values, state);
    }
}
