using System.Buffers.Binary;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Data.Model;

namespace Sibyl.Cql.Terms;

/// <summary>
/// The value written by <c>c = c + t</c> or <c>c = c - t</c> on a counter column (Cassandra's Constants.Adder and
/// Substracter): binds the bigint increment and returns an unapplied counter update context
/// (<see cref="CounterContext.CreateUpdate"/>), negated for a subtraction. Unset leaves the counter alone.
/// </summary>
public sealed class CounterDeltaTerm(Term increment, bool negate) : Term
{
    public Term Increment { get; } = increment;

    public bool Negate { get; } = negate;

    public override byte[]? Bind(QueryOptions options, QueryState state)
    {
        var value = Increment.Bind(options, state);
        if (value is null) throw new InvalidRequestException("Invalid null value for counter increment");
        if (QueryOptions.IsUnset(value)) return value;
        if (value.Length != 8) throw new InvalidRequestException($"Invalid counter increment: expected 8 bytes but got {value.Length}");
        long delta = BinaryPrimitives.ReadInt64BigEndian(value);
        if (Negate)
        {
            if (delta == long.MinValue)
                throw new InvalidRequestException($"The negation of {delta} overflows supported counter precision (signed 8 bytes integer)");
            delta = -delta;
        }
        return CounterContext.CreateUpdate(delta);
    }
}
